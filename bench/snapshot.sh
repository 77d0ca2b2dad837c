#!/usr/bin/env bash
# Snapshots: rustbin's live capture (LiveCapture: freeze all threads, copy readable memory to an
# unlinked spill file, resume) against `gcore`, on the same process holding 1 GiB of heap (1024
# malloc'd 1 MiB blocks, every page written), in the same run: wall time and peak RSS of each, and
# the ratios. The capture runs in a fresh JVM (bench runner CaptureMain, test scope), so its wall time
# includes JVM start-up; the in-process capture time is printed too. Then the whole CLI pipeline:
# ./rustbin --pid, a snapshot at connect and every live heap chunk counted.
#   bench/snapshot.sh [MIB] [RUNS]     (default: 1024 MiB, 3 runs each, best kept)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mib=${1:-1024}
runs=${2:-3}
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
command -v gcore >/dev/null || { echo "bench: needs gcore (apt-get install gdb)" >&2; exit 1; }

classes="$root/extractors/target/classes"
[[ -f "$root/extractors/target/test-classes/dev/rustbin/memory/ptrace/CaptureMain.class" ]] \
    || (cd "$root" && mvn -q -B -o -pl extractors -am -DskipTests test-compile)
jna_version=$(sed -n 's:.*<jna.version>\(.*\)</jna.version>.*:\1:p' "$root/pom.xml")
classpath="$classes:$root/extractors/target/test-classes:$HOME/.m2/repository/net/java/dev/jna/jna/$jna_version/jna-$jna_version.jar"

work=$(mktemp -d "${TMPDIR:-/tmp}/rustbin-bench-snapshot.XXXXXX")
holder_pid=""
cleanup() {
    [[ -n "$holder_pid" ]] && kill "$holder_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The target: a std-only Rust program that holds MIB MiB in 1 MiB heap blocks until stdin closes.
cat >"$work/holder.rs" <<'RS'
use std::io::Read;
fn main() {
    let mib: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let blocks: Vec<Vec<u8>> = (0..mib).map(|i| vec![(i % 251) as u8 + 1; 1 << 20]).collect();
    println!("ready {}", blocks.len());
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    println!("done {}", blocks.iter().map(|b| b[0] as usize).sum::<usize>());
}
RS
rustc -O -o "$work/holder" "$work/holder.rs"
mkfifo "$work/stdin"
"$work/holder" "$mib" <"$work/stdin" >"$work/holder.out" &
holder_pid=$!
exec 3>"$work/stdin"
for _ in $(seq 600); do grep -q ready "$work/holder.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$work/holder.out" || { echo "bench: the holder did not start" >&2; exit 1; }
rss=$(awk '/VmRSS/ {print $2}' "/proc/$holder_pid/status")
echo "target: pid $holder_pid holding $mib MiB of heap (VmRSS $rss KB)"

best() { # best of RUNS: "seconds peak_kb" of a command
    local best="" peak="" out t m
    for ((i = 0; i < runs; i++)); do
        out=$( { /usr/bin/time -f "%e %M" bash -c "$1" >"$work/last.out"; } 2>&1 | tail -1)
        read -r t m <<<"$out"
        if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; peak=$m; fi
        rm -f "$work"/core.*
    done
    echo "$best $peak"
}

read -r gt gm <<<"$(best "gcore -o '$work/core' $holder_pid")"
read -r lt lm <<<"$(best "java -cp '$classpath' dev.rustbin.memory.ptrace.CaptureMain $holder_pid '$work/spill' 1")"
# The whole pipeline through the CLI: snapshot at connect, then every live heap chunk listed (glibc walk).
read -r ct cm <<<"$(best "'$root/rustbin' --pid $holder_pid -f csv -e \"select count(*) from memory_regions where region_kind = 'chunk'\"")"
chunks=$("$root/rustbin" --pid "$holder_pid" -f csv -e "select count(*) from memory_regions where region_kind = 'chunk'" | tail -1)
inner=$(java -cp "$classpath" dev.rustbin.memory.ptrace.CaptureMain "$holder_pid" "$work/spill" 3 | sed -n 's/.* in \(.*\) ms/\1/p' | sort -n | head -1)
printf '%-44s %8s s %9s KB\n' "gcore" "$gt" "$gm"
printf '%-44s %8s s %9s KB\n' "rustbin live capture (fresh JVM)" "$lt" "$lm"
printf '%-44s %8s ms\n' "rustbin live capture, in-process (best of 3)" "$inner"
printf '%-44s %8s s %9s KB  (%s chunks)\n' "./rustbin --pid: capture + list heap chunks" "$ct" "$cm" "$chunks"
awk -v a="$lt" -v b="$gt" -v c="$lm" -v d="$gm" -v i="$inner" \
    'BEGIN{printf "ratio capture/gcore: wall %.2fx (in-process %.2fx), peak memory %.2fx\n", a/b, i/1000/b, c/d}'
awk -v a="$ct" -v b="$gt" -v c="$cm" -v d="$gm" \
    'BEGIN{printf "ratio ./rustbin --pid (capture + chunks)/gcore: wall %.2fx, peak memory %.2fx\n", a/b, c/d}'

exec 3>&-
wait "$holder_pid"
holder_pid=""
grep -q '^done ' "$work/holder.out" && echo "target: finished after the snapshots ($(tail -1 "$work/holder.out"))"
