#!/usr/bin/env bash
# Fetches prebuilt Rust binaries this project did not build, for the Mach-O and PE tests, into $1/foreign/:
#   biome-darwin-arm64     Mach-O 64-bit arm64 executable   (@biomejs/cli-darwin-arm64)
#   biome-darwin-x64       Mach-O 64-bit x86_64 executable  (@biomejs/cli-darwin-x64)
#   biome-win32-x64.exe    PE32+ x86-64 executable, MSVC, PDB path in its debug directory (@biomejs/cli-win32-x64)
#   rollup-win32-x64-gnu.dll  PE32+ x86-64 DLL built by the windows-gnu toolchain, with exports (@rollup/rollup-win32-x64-gnu)
#   rollup-win32-ia32.dll  PE32 (32-bit) x86 DLL, MSVC, with a CodeView PDB record (@rollup/rollup-win32-ia32-msvc)
#   tailwind-oxide-win32-arm64.dll  PE32+ arm64 DLL, MSVC, with a CodeView PDB record (@tailwindcss/oxide-win32-arm64-msvc)
#   rrule-darwin-universal.node  universal Mach-O (x86_64 + arm64) dylib (@rrule-rust/lib-darwin-universal)
# Versions are pinned (npm versions never change) and npm checks each tarball's integrity. About 26 MB
# is downloaded once; a second run finds the files and does nothing.
set -euo pipefail
out=${1:?usage: fetch-foreign.sh OUTPUT_DIR}/foreign

# package@version  file-in-package  name-in-foreign/
fixtures=(
    "@biomejs/cli-darwin-arm64@1.5.3 biome biome-darwin-arm64"
    "@biomejs/cli-darwin-x64@1.5.3 biome biome-darwin-x64"
    "@biomejs/cli-win32-x64@1.5.3 biome.exe biome-win32-x64.exe"
    "@rollup/rollup-win32-x64-gnu@4.67.4 rollup.win32-x64-gnu.node rollup-win32-x64-gnu.dll"
    "@rollup/rollup-win32-ia32-msvc@4.67.4 rollup.win32-ia32-msvc.node rollup-win32-ia32.dll"
    "@tailwindcss/oxide-win32-arm64-msvc@4.3.3 tailwindcss-oxide.win32-arm64-msvc.node tailwind-oxide-win32-arm64.dll"
    "@rrule-rust/lib-darwin-universal@2.0.2 rrule-rust.darwin-universal.node rrule-darwin-universal.node"
)

mkdir -p "$out"
missing=()
for line in "${fixtures[@]}"; do
    read -r package member name <<<"$line"
    [[ -f "$out/$name" ]] || missing+=("$line")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi
command -v npm >/dev/null || { echo "fetch-foreign: npm not found (install Node.js and npm)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for line in "${missing[@]}"; do
    read -r package member name <<<"$line"
    echo "fetch-foreign: $package -> foreign/$name"
    tarball=$(cd "$work" && npm pack --silent --loglevel=error "$package" | tail -1)
    mkdir -p "$work/x"
    tar -xzf "$work/$tarball" -C "$work/x" "package/$member"
    # Rename into place last, so an interrupted run never leaves a partial file under the final name.
    mv "$work/x/package/$member" "$out/$name.part"
    mv "$out/$name.part" "$out/$name"
done
