#!/usr/bin/env bash
# The rustc cargo runs for this workspace (.cargo/config.toml `build.rustc`): rustc itself, plus,
# for the workspace's own crates in optimised builds (`-C opt-level=3`: `--release`, benches),
# `-C profile-use` of the committed profile pgo/retort.profdata, so `cargo build --release`
# gives the profile-guided binary. With RETORT_PGO_GENERATE=DIR they are instrumented instead,
# writing raw profiles into DIR (pgo/regen.sh). Dependencies, debug builds, and any build
# when the profile is missing or RETORT_PGO_OFF is set, run plain rustc. See pgo/README.md.
#
# `build.rustc`, not `rustc-workspace-wrapper`: cargo mixes a wrapper's absolute path into
# every crate's metadata hash, so symbol names, and with them the profile's function names,
# would differ in every clone; the rustc path is not hashed, only its version.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
real=rustc
if [ -n "${CARGO:-}" ] && [ -x "$(dirname "$CARGO")/rustc" ]; then
  real="$(dirname "$CARGO")/rustc"
fi
case "${CARGO_MANIFEST_DIR:-}" in
  "$root" | "$root"/*) ;;
  *) exec "$real" "$@" ;;
esac
release=
metadata=
prev=
for a in "$@"; do
  if [ "$prev" = "-C" ] && [ "$a" = "opt-level=3" ]; then release=1; fi
  if [ "$a" = "-Copt-level=3" ]; then release=1; fi
  if [ "$prev" = "-C" ]; then case "$a" in metadata=*) metadata=${a#metadata=} ;; esac; fi
  prev=$a
done
if [ -z "$release" ]; then
  exec "$real" "$@"
fi
if [ -n "${RETORT_PGO_GENERATE:-}" ]; then
  # Record which builds of the crates the profile is about (pgo/regen.sh keeps the list).
  echo "$metadata" >> "$RETORT_PGO_GENERATE/metadata.txt"
  exec "$real" "$@" -C "profile-generate=$RETORT_PGO_GENERATE"
fi
# The profile only for a build it was made from: its function names carry the crates'
# metadata hashes, and a profile that names none of a crate's functions would have LLVM treat
# them all as cold (slower than no profile). Other builds (`cargo bench`, other features or
# flags) run plain rustc.
if [ -f "$here/retort.profdata" ] && [ -z "${RETORT_PGO_OFF:-}" ] && [ -n "$metadata" ] &&
  grep -qx -- "$metadata" "$here/metadata.txt" 2>/dev/null; then
  # A profile older than the code leaves the changed functions unprofiled (LLVM's
  # mismatch warning is silenced: pgo/regen.sh brings the profile up to date).
  exec "$real" "$@" -C "profile-use=$here/retort.profdata" -C llvm-args=-no-pgo-warn-mismatch
fi
exec "$real" "$@"
