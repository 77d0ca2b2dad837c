#!/usr/bin/env bash
# Disassembly throughput of rustbin's Capstone binding vs objdump, one core each, on one section.
#   bench/disasm.sh [BINARY] [SECTION]    (default: the toolchain's cargo, .text)
# Set DETAIL=true to measure detail mode. Prints both rates and their ratio.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-"$(rustc --print sysroot)/bin/cargo"}
section=${2:-.text}
cd "$root"

source "$root/bench/extractors-classpath.sh"

ours=$(taskset -c 0 java -cp "$classpath" dev.rustbin.disasm.DisassemblerBenchmark "$binary" "$section" 3 "${DETAIL:-false}")
echo "rustbin: $ours"

# objdump: best of 3 wall-clock runs, output counted but not kept
times=()
for _ in 1 2 3; do
  start=$(date +%s%N)
  lines=$(taskset -c 0 objdump -d -z --no-show-raw-insn -j "$section" "$binary" | grep -c $'^ *[0-9a-f]*:\t')
  times+=($(( $(date +%s%N) - start )))
done
ours_rate=$(sed -n 's/.*instructions_per_second=\([0-9]*\).*/\1/p' <<<"$ours")
awk -v lines="$lines" -v ours="$ours_rate" -v t="${times[*]}" 'BEGIN {
  n = split(t, ns, " "); best = ns[1]; for (i = 2; i <= n; i++) if (ns[i] < best) best = ns[i]
  rate = lines / (best / 1e9)
  printf "objdump: instructions=%d best_seconds=%.3f instructions_per_second=%.0f\n", lines, best / 1e9, rate
  printf "ratio rustbin/objdump: %.2f\n", ours / rate
}'
