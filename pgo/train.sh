#!/usr/bin/env bash
# Runs the training workload of the profile-guided build (pgo/README.md) with the instrumented
# binary BIN: the harness benchmarks, the CPU-heavy Elixir programs and the golden programs.
set -uo pipefail
BIN=${1:?usage: pgo/train.sh BIN}
cd "$(dirname "$0")/.."
for f in benches/harness/ex/*.exs benches/programs/*.exs; do
  "$BIN" run "$f" >/dev/null 2>&1 || echo "train: $f failed" >&2
done
for f in tests/programs/*.exs; do
  [ -f "$f" ] || continue
  timeout 20 "$BIN" run --virtual-time "$f" >/dev/null 2>&1 </dev/null || true
done
