#!/usr/bin/env bash
# Spark: the same group-by query in Spark local mode (1 and 2 cores, the shaded rustbin-spark.jar on
# Spark's own classpath, with Spark's own Arrow, as spark-submit --jars runs it) and in one rustbin
# connection (the CLI), over one directory of at least 50 binaries: the test-corpus fixtures, 6
# links each, and the Rust toolchain's binaries with its 150 MB librustc_driver. Each run once:
# first all cold (the CLI filling a fresh table cache, Spark with cache=false), then Spark on 2 cores
# filling a fresh cache directory as a shared one would be, then a new Spark job and a new CLI
# process reading their caches back.
#   bench/spark.sh [TABLE SQL]     (default: the mnemonic histogram over instructions)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
table=${1:-instructions}
sql=${2:-"SELECT mnemonic, count(*) AS n FROM instructions GROUP BY mnemonic ORDER BY n DESC, mnemonic LIMIT 5"}
cd "$root"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -q -B -o -pl spark-datasource -am package -DskipTests
jar="$root/spark-datasource/target/rustbin-spark.jar"

# Spark's classpath as its distribution has it: spark-sql and its dependencies, nothing of ours.
spark_version=$(sed -n 's|.*<spark.version>\(.*\)</spark.version>.*|\1|p' spark-datasource/pom.xml)
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>spark-classpath</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId><version>$spark_version</version></dependency></dependencies>
</project>
POM
mvn -q -B -o -f "$work/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/classpath"
classpath="$jar:$root/spark-datasource/target/test-classes:$(cat "$work/classpath")"
flags=$(sed -n 's|.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*|\1|p' spark-datasource/pom.xml)

dir="$work/binaries"
mkdir "$dir"
for fixture in test-corpus/target/fixtures/*; do
    [[ -f "$fixture" && -x "$fixture" ]] || continue
    for copy in 1 2 3 4 5 6; do ln -s "$root/$fixture" "$dir/$(basename "$fixture")-$copy"; done
done
sysroot=$(rustc --print sysroot)
for tool in "$sysroot"/bin/* "$sysroot"/lib/librustc_driver-*.so; do ln -s "$tool" "$dir/"; done
echo "directory: $(find "$dir" -type l | wc -l) entries, $(du -shL "$dir" | cut -f1); query: $sql"

# CPU time beside wall time: on a shared machine the wall time of 2 cores only scales if both are free.
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
TIMEFORMAT='  process: %R s wall, %U s user + %S s sys CPU'
echo "rustbin CLI, one connection (JVM start included), cold:"
time ./rustbin --cache-dir "$work/cli-cache" "$dir" -e "$sql"

cat > "$work/log4j2.properties" <<LOG
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = stderr
appender.console.type = Console
appender.console.name = stderr
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %p %c{1}: %m%n
LOG
spark() {
    # shellcheck disable=SC2086
    time java $flags --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx3g -Dlog4j2.configurationFile="$work/log4j2.properties" \
        -cp "$classpath" dev.rustbin.spark.SparkBenchmark "$@"
}
for cores in 1 2; do
    spark "$cores" "$dir" "$table" "$sql" cache=false
done
echo "Spark local[2] filling a fresh cache directory, then a new job reading it back:"
spark 2 "$dir" "$table" "$sql" cache_dir="$work/spark-cache"
spark 2 "$dir" "$table" "$sql" cache_dir="$work/spark-cache"
echo "rustbin CLI, warm:"
time ./rustbin --cache-dir "$work/cli-cache" "$dir" -e "$sql"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
