#!/usr/bin/env bash
# Regenerates the expected output of the golden programs with real Elixir (1.14 is the
# reference): NAME.out is what `elixir NAME.exs` printed on stdout, and NAME.exit its exit
# status when that is not 0 (an existing NAME.exit is removed when the status is 0).
#
# Usage: tests/programs/regen.sh [NAME.exs ...]   (default: every program in this directory)
#
# Programs whose first lines carry the comment `# retort-only` (they use something real
# Elixir has not, or print what only retort prints) are skipped, as are programs for which
# no `elixir` is installed. NAME.err files (lines stderr must contain) are not touched.
set -u
cd "$(dirname "$0")"
if ! command -v elixir >/dev/null 2>&1; then
  echo "regen.sh: elixir is not installed; nothing regenerated" >&2
  exit 1
fi
if [ $# -eq 0 ]; then
  set -- *.exs
fi
changed=0
for f in "$@"; do
  f=$(basename "$f")
  name=${f%.exs}
  [ -f "$f" ] || { echo "skip $f: no such program" >&2; continue; }
  if head -n 5 "$f" | grep -q '^# *retort-only'; then
    echo "skip $f (retort-only)"
    continue
  fi
  elixir "$f" > "$name.out.new" 2>/dev/null
  status=$?
  if ! cmp -s "$name.out.new" "$name.out" 2>/dev/null; then
    echo "updated $name.out"
    changed=$((changed + 1))
  fi
  mv "$name.out.new" "$name.out"
  if [ "$status" -ne 0 ]; then
    echo "$status" > "$name.exit"
  else
    rm -f "$name.exit"
  fi
done
echo "regen.sh: $changed expected output(s) changed"
