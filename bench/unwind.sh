#!/usr/bin/env bash
# Time to unwind and symbolize every thread of a core: rustbin (cold: a fresh JVM opening the
# modules and their CFI on demand; warm: the same unwinder again) vs gdb's "thread apply all bt".
#   bench/unwind.sh [EXECUTABLE CORE]    (default: a gcore of rustc blocked reading its source from stdin)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
pid=
trap 'exec 9>&-; [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
if [ $# -ge 2 ]; then
  exe=$1 core=$2
else
  exe="$(rustc --print sysroot)/bin/rustc"
  mkfifo "$work/stdin"
  "$exe" - --crate-type lib --emit metadata -o "$work/out.rmeta" < "$work/stdin" >/dev/null 2>&1 &
  pid=$!
  exec 9>"$work/stdin"
  until [ "$(cut -d' ' -f1,2 "/proc/$pid/syscall" 2>/dev/null)" = "0 0x0" ]; do sleep 0.05; done
  gcore -o "$work/core" "$pid" >/dev/null
  core="$work/core.$pid"
fi

mvn -o -q -B -pl extractors -am test-compile
cpfile="$work/classpath"
mvn -o -q -B -pl extractors -am dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test
classpath="extractors/target/classes:extractors/target/test-classes:$(cat "$cpfile")"

start=$(date +%s%N)
java -cp "$classpath" dev.rustbin.memory.unwind.UnwindBenchmark "$core" 0 >/dev/null
ours_ms=$(( ($(date +%s%N) - start) / 1000000 ))
ours=$(java -cp "$classpath" dev.rustbin.memory.unwind.UnwindBenchmark "$core" 20)
echo "rustbin: $ours (one cold pass as a whole JVM run: ${ours_ms} ms)"

start=$(date +%s%N)
gdb_frames=$(gdb -batch -nx -q "$exe" "$core" -ex 'thread apply all bt' 2>/dev/null | grep -c '^#')
gdb_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "gdb: frames=$gdb_frames ${gdb_ms} ms"
awk -v a="$ours_ms" -v b="$gdb_ms" 'BEGIN { printf "ratio gdb/rustbin (whole cold runs): %.2f\n", b / a }'
