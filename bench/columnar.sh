#!/usr/bin/env bash
# Columnar execution and the table cache: the mnemonic histogram as a first query (cold cache) and
# repeated (warm cache, and with cache=false); instruction queries (a selective filter, a computed
# projection, the mnemonic histogram) over the warm cache with Gandiva, with the Java evaluator on
# the Arrow vectors and with pushdown off, in one JVM, best of RUNS each; the first Gandiva query's
# JIT latency; objdump -d on the same file; and,
# unless NO_DUCKDB is set, the same queries in DuckDB (its JDBC jar from Maven Central, fetched here:
# the benchmark's only use of it) over the same rows.
#   bench/columnar.sh [BINARY] [RUNS]     (default: the toolchain's cargo, best of 3)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${1:-"$(rustc --print sysroot)/bin/cargo"}
runs=${2:-3}
duckdb_version=1.1.3
cd "$root"

cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
# One reactor build, so the other modules resolve to their target/classes (the last module writes the file).
mvn -q -B -o -pl jdbc-driver -am test-compile dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test
classpath="jdbc-driver/target/classes:jdbc-driver/target/test-classes:$(cat "$cpfile")"

duckdb_jar=()
if [[ -z "${NO_DUCKDB:-}" ]]; then
    mvn -q -B dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$duckdb_version" >/dev/null
    duckdb_jar=("$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$duckdb_version/duckdb_jdbc-$duckdb_version.jar")
fi

echo "binary: $binary ($(du -h "$binary" | cut -f1))"
start=$(date +%s%N)
objdump -d --no-show-raw-insn "$binary" | wc -l >/dev/null
printf '%-34s %8.3f s\n' "objdump -d --no-show-raw-insn" "$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN{print ns/1e9}')"
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx4g -cp "$classpath" dev.rustbin.jdbc.ColumnarBenchmark "$binary" "$runs" "${duckdb_jar[@]}"
