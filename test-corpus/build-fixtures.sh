#!/usr/bin/env bash
# Builds the fixture binaries into the directory given as $1:
#   demo-debug, demo-release (debug info level 1), demo-release-stripped (no .symtab),
#   memdemo (threads, statics and heap with known contents, for the memory tables),
#   allocdemo (heap blocks allocated, freed and leaked at known source lines),
#   asmgap and asmgap-stripped (hand-written assembly with data before functions),
# plus fixtures.txt, one line per fixture, so tests can list them.
# cargo is incremental, so a second run costs about a second.
set -euo pipefail
out=${1:?usage: build-fixtures.sh OUTPUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
export CARGO_TARGET_DIR="$here/target/cargo"
command -v cargo >/dev/null || { echo "build-fixtures: cargo not found (install Rust stable)" >&2; exit 1; }
mkdir -p "$out"
manifest="$here/rust/Cargo.toml"
cargo build --offline --locked --quiet --manifest-path "$manifest"
cargo build --offline --locked --quiet --release --manifest-path "$manifest"
cp -f "$CARGO_TARGET_DIR/debug/demo" "$out/demo-debug"
cp -f "$CARGO_TARGET_DIR/release/demo" "$out/demo-release"
strip --strip-all -o "$out/demo-release-stripped" "$out/demo-release"
cp -f "$CARGO_TARGET_DIR/release/memdemo" "$out/memdemo"
cp -f "$CARGO_TARGET_DIR/release/allocdemo" "$out/allocdemo"
cp -f "$CARGO_TARGET_DIR/release/asmgap" "$out/asmgap"
strip --strip-all -o "$out/asmgap-stripped" "$out/asmgap"
printf '%s\n' demo-debug demo-release demo-release-stripped memdemo allocdemo asmgap asmgap-stripped > "$out/fixtures.txt"
