#!/usr/bin/env bash
# Soak run of the mutation fuzzer's directory mode (the suite runs 2,000 mutants): mutated copies of
# a binary, 100 per directory next to the original; every table over each directory must hold
# exactly what each member gives alone. Fails at the first difference.
#   bench/fuzz-directories.sh [MUTANTS] [SEED] [BINARY]    (default: 20000, 1, demo-release-stripped)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mutants=${1:-20000}
seed=${2:-1}
binary=${3:-"$root/test-corpus/target/fixtures/demo-release-stripped"}
cd "$root"

source "$root/bench/extractors-classpath.sh"

start=$(date +%s)
java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$classpath" dev.rustbin.schema.DirectoryFuzzSoak "$binary" "$mutants" "$seed"
echo "seconds=$(( $(date +%s) - start ))"
