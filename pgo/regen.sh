#!/usr/bin/env bash
# Regenerates pgo/retort.profdata, the profile of the profile-guided release build
# (pgo/README.md): builds the instrumented binary (in target/pgo-gen and target/pgo-gen-test),
# runs pgo/train.sh with it and merges the raw profiles. Needs llvm-profdata from LLVM 19 or later (Debian: llvm-19).
# Run it after changing the VM or the compiler, then rebuild (`cargo build --release`).
set -euo pipefail
cd "$(dirname "$0")/.."
PROFDATA=${LLVM_PROFDATA:-}
if [ -z "$PROFDATA" ]; then
  for c in llvm-profdata-22 llvm-profdata-21 llvm-profdata-20 llvm-profdata-19 /usr/lib/llvm-19/bin/llvm-profdata; do
    if command -v "$c" >/dev/null 2>&1; then PROFDATA=$c; break; fi
  done
fi
if [ -z "$PROFDATA" ]; then
  echo "pgo/regen.sh: no llvm-profdata of LLVM 19 or later (apt-get install llvm-19, or set LLVM_PROFDATA)" >&2
  exit 1
fi
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT
# Two builds of the binary, each trained: `cargo build --release` and the one `cargo test
# --release` makes. The test build unifies the dev-dependencies' features into the shared
# dependencies, which changes every crate's metadata hash and so every symbol name: a profile
# of one build names no function of the other (and a profile that matches nothing makes the
# build slower than none). The merged profile holds both sets of names.
# The workspace's crates are always recompiled, so that pgo/rustc.sh instruments them and
# records their metadata hashes (cargo does not see its flags, and would reuse old builds).
for dir in target/pgo-gen target/pgo-gen-test; do
  cargo clean --release --target-dir "$dir" -p retort -p retort-vm -p retort-compiler -p retort-stdlib 2>/dev/null || true
done
RETORT_PGO_GENERATE="$raw" cargo build --release --target-dir target/pgo-gen --bin retort
LLVM_PROFILE_FILE="$raw/retort-%p.profraw" pgo/train.sh target/pgo-gen/release/retort
RETORT_PGO_GENERATE="$raw" cargo test --release --target-dir target/pgo-gen-test --no-run --test cli
LLVM_PROFILE_FILE="$raw/retort-test-%p.profraw" pgo/train.sh target/pgo-gen-test/release/retort
"$PROFDATA" merge --sparse -o pgo/retort.profdata "$raw"/*.profraw
sort -u "$raw/metadata.txt" > pgo/metadata.txt
echo "pgo/regen.sh: wrote pgo/retort.profdata ($(du -h pgo/retort.profdata | cut -f1))"
