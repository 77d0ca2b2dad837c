#!/usr/bin/env bash
# Symbols: rustbin's `select count(*) from binary_symbols` against `nm | wc -l`, on the same file in
# the same run; wall time and peak RSS of each, and the ratios. Then projection against content:
# peak RSS of a section query without `content` against one that reads every section's bytes.
#   bench/symbols.sh [BINARY] [RUNS]     (default: rustc's librustc_driver, 3 runs each, best kept)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${1:-$(ls "$(rustc --print sysroot)"/lib/librustc_driver-*.so | head -1)}
runs=${2:-3}
source "$root/bench/measure.sh"

rustbin="$root/rustbin $(q "$binary")"

echo "binary: $binary ($(du -h "$binary" | cut -f1))"
echo "rows:   rustbin $("$root/rustbin" "$binary" -f csv -e 'select count(*) from binary_symbols' | tail -1), nm $(nm "$binary" | wc -l) (+ nm -D $(nm -D "$binary" | wc -l))"
read -r rt rm <<<"$(measure "$rustbin -f csv -e 'select count(*) from binary_symbols'")"
read -r nt nm_rss <<<"$(measure "nm $(q "$binary") | wc -l")"
printf '%-46s %8s s %9s KB\n' "rustbin: select count(*) from binary_symbols" "$rt" "$rm"
printf '%-46s %8s s %9s KB\n' "nm | wc -l" "$nt" "$nm_rss"
awk -v a="$rt" -v b="$nt" -v c="$rm" -v d="$nm_rss" 'BEGIN{printf "ratio rustbin/nm: wall %.2fx, peak memory %.2fx\n", a/b, c/d}'

# Cold (first query of a connection) and warm (the same query again in that connection), in-process.
warm=$(printf 'select count(*) from binary_symbols;\nselect count(*) from binary_symbols;\n' \
    | "$root/rustbin" "$binary" -t -f csv 2>&1 >/dev/null | sed -n 's/^time: //p' | tr -d ' s' | tr '\n' ' ')
read -r cold hot <<<"$warm"
printf '%-46s %8s s (first in connection), %s s (again)\n' "rustbin query time, in-process" "$cold" "$hot"
awk -v h="$hot" -v b="$nt" 'BEGIN{printf "ratio warm query/nm: %.2fx\n", h/b}'

read -r pt pm <<<"$(measure "$rustbin -f csv -e 'select section_name, size from binary_sections'")"
read -r ct cm <<<"$(measure "$rustbin -f csv -e 'select section_name, octet_length(content) from binary_sections'")"
printf '%-46s %8s s %9s KB\n' "sections without content" "$pt" "$pm"
printf '%-46s %8s s %9s KB\n' "sections with octet_length(content)" "$ct" "$cm"
