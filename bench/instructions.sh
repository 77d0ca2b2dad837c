#!/usr/bin/env bash
# Instructions: rustbin's full-table aggregate `select mnemonic, count(*) from instructions group by
# mnemonic` against `objdump -d --no-show-raw-insn | wc -l`, on the same binary in the same run:
# wall time and peak RSS of each, and the ratios.
#   bench/instructions.sh [BINARY] [RUNS]     (default: the toolchain's cargo, best of 3)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${1:-"$(rustc --print sysroot)/bin/cargo"}
runs=${2:-3}
source "$root/bench/measure.sh"

echo "binary: $binary ($(du -h "$binary" | cut -f1))"
echo "instructions: rustbin $("$root/rustbin" "$binary" -f csv -e 'select count(*) from instructions' | tail -1)," \
     "objdump $(objdump -d --no-show-raw-insn "$binary" | grep -c $'^ *[0-9a-f]*:\t')"
read -r rt rm <<<"$(measure "$root/rustbin $(q "$binary") -f csv -e 'select mnemonic, count(*) from instructions group by mnemonic'")"
read -r ot om <<<"$(measure "objdump -d --no-show-raw-insn $(q "$binary") | wc -l")"
printf '%-56s %8s s %9s KB\n' "rustbin: select mnemonic, count(*) ... group by mnemonic" "$rt" "$rm"
printf '%-56s %8s s %9s KB\n' "objdump -d --no-show-raw-insn | wc -l" "$ot" "$om"
awk -v a="$rt" -v b="$ot" -v c="$rm" -v d="$om" 'BEGIN{printf "ratio rustbin/objdump: wall %.2fx, peak memory %.2fx\n", a/b, c/d}'
