#!/usr/bin/env bash
# Heap walk of a core holding about 1 GB of live malloc chunks: memdemo's worker thread keeps
# BLOCKS blocks of BYTES in its arena (default 4,000,000 x 240 bytes: 4 M chunks, 16 heap_info
# heaps). Prints gcore's time for the same process, the walk and stream times, and rustbin's peak
# RSS, which should not grow with the heap; then the same for the reachability scan (index, marks,
# every heap reference streamed once; every block is reachable).
#   bench/heapwalk.sh [BLOCKS] [BYTES]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
blocks=${1:-4000000}
bytes=${2:-240}
cd "$root"

mvn -q -B -pl extractors -am test-compile
cpfile=$(mktemp)
work=$(mktemp -d)
pid=""
trap 'exec 3>&- 2>/dev/null; [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work" "$cpfile"' EXIT
mvn -q -B -pl extractors -am dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test
classpath="extractors/target/classes:extractors/target/test-classes:$(cat "$cpfile")"

mkfifo "$work/stdin"
test-corpus/target/fixtures/memdemo spread "$blocks" "$bytes" <"$work/stdin" >"$work/out" &
pid=$!
exec 3>"$work/stdin"
until grep -q '^ready' "$work/out"; do sleep 0.1; done

start=$(date +%s%N)
gcore -o "$work/core" "$pid" >/dev/null 2>&1
gcore_ns=$(( $(date +%s%N) - start ))
echo "gcore: $(awk -v ns="$gcore_ns" 'BEGIN{printf "%.2f", ns / 1e9}') s, core $(du -h "$work/core.$pid" | cut -f1)"
/usr/bin/time -f "rustbin peak RSS: %M KB (-Xmx${XMX:-128m})" java -Xmx"${XMX:-128m}" -cp "$classpath" dev.rustbin.memory.heap.HeapWalkBenchmark "$work/core.$pid"
/usr/bin/time -f "rustbin peak RSS: %M KB (-Xmx${XMX:-128m})" java -Xmx"${XMX:-128m}" -cp "$classpath" dev.rustbin.memory.reach.ReachBenchmark "$work/core.$pid"
