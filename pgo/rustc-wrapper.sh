#!/usr/bin/env bash
# rustc wrapper for the workspace's own crates (.cargo/config.toml `rustc-workspace-wrapper`):
# optimised builds (`-C opt-level=3`: `--release`, benches) use the committed profile
# pgo/retort.profdata, so `cargo build --release` gives the profile-guided binary. With
# RETORT_PGO_GENERATE=DIR they are instrumented instead, writing raw profiles into DIR
# (pgo/regen.sh). Debug builds, and any build when the profile is missing, pass through.
# See pgo/README.md.
rustc=$1
shift
release=
prev=
for a in "$@"; do
  if [ "$prev" = "-C" ] && [ "$a" = "opt-level=3" ]; then release=1; fi
  if [ "$a" = "-Copt-level=3" ]; then release=1; fi
  prev=$a
done
if [ -z "$release" ]; then
  exec "$rustc" "$@"
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -n "${RETORT_PGO_GENERATE:-}" ]; then
  exec "$rustc" "$@" -C "profile-generate=$RETORT_PGO_GENERATE"
fi
if [ -f "$here/retort.profdata" ] && [ -z "${RETORT_PGO_OFF:-}" ]; then
  # A profile older than the code leaves the changed functions unprofiled (LLVM's
  # mismatch warning is silenced: pgo/regen.sh brings the profile up to date).
  exec "$rustc" "$@" -C "profile-use=$here/retort.profdata" -C llvm-args=-no-pgo-warn-mismatch
fi
exec "$rustc" "$@"
