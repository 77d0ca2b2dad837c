#!/usr/bin/env bash
# Allocation tracking: `allocdemo churn N` (N allocations of 16 B .. 64 KiB, at most 1,000 alive) run
# plainly, under `heaptrack` (its preload library, heaptrack_interpret and zstd writing a recording),
# and under `rustbin run --track-allocations` (the same preload library, its stream read by rustbin
# while the program runs into the allocation_events Arrow file, then one query over every event), in
# the same run: wall time and peak RSS of each, the slowdowns, and rustbin's peak RSS next to the
# program's own. Peak RSS is GNU time's: the largest process of the command (rustbin: its JVM).
#   bench/allocations.sh [N] [RUNS]     (default: 10,000,000 allocations, best of 1 run)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
count=${1:-10000000}
runs=${2:-1}
source "$root/bench/measure.sh"
command -v heaptrack >/dev/null || { echo "bench: needs heaptrack (apt-get install heaptrack)" >&2; exit 1; }

program="$root/test-corpus/target/fixtures/allocdemo"
[[ -x "$program" ]] || (cd "$root" && mvn -q -B -o -pl test-corpus package)
work=$(mktemp -d "${TMPDIR:-/tmp}/rustbin-bench-allocations.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "program: allocdemo churn $count"
read -r pt pm <<<"$(measure "$(q "$program") churn $count")"
read -r ht hm <<<"$(measure "heaptrack -o $(q "$work/recording") $(q "$program") churn $count; rm -f $(q "$work")/recording*")"
query="select count(*), sum(case when kind = 'alloc' then 1 else 0 end) from allocation_events"
read -r rt rm <<<"$(measure "$root/rustbin run --track-allocations -f csv -e $(q "$query") -- $(q "$program") churn $count")"
printf '%-58s %8s s %9s KB\n' "allocdemo churn $count (no tracking)" "$pt" "$pm"
printf '%-58s %8s s %9s KB\n' "heaptrack allocdemo churn $count" "$ht" "$hm"
printf '%-58s %8s s %9s KB\n' "rustbin run --track-allocations -e 'select ...'" "$rt" "$rm"
awk -v p="$pt" -v h="$ht" -v r="$rt" 'BEGIN{printf "slowdown: heaptrack %.2fx, rustbin %.2fx of no tracking; rustbin/heaptrack %.2fx\n", h/p, r/p, r/h}'
awk -v p="$pm" -v r="$rm" 'BEGIN{printf "peak RSS: rustbin %.0f MB next to the program'"'"'s own %.0f MB\n", r/1024, p/1024}'
echo "events:  $("$root/rustbin" run --track-allocations -f csv -e "$query" -- "$program" churn "$count" 2>/dev/null | tail -1) (rows, allocs)"
