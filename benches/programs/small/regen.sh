#!/bin/sh
# Regenerates small/NAME.out (the first stdout line, the result line) for every benchmark
# program (the cross-runtime ones in ../../harness/ex, retort's own in ..) with real Elixir,
# at the sizes listed in ./sizes. Run from anywhere.
set -e
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
for src in "$here"/../../harness/ex/*.exs "$here"/../*.exs; do
  name=$(basename "$src" .exs)
  cp "$src" "$tmp/$name.exs"
  grep "^$name: " "$here/sizes" | while IFS= read -r line; do
    rule=${line#"$name: "}
    from=${rule%% => *}
    to=${rule##* => }
    sed -i "s/^\( *\)$from\$/\1$to/" "$tmp/$name.exs"
  done
  (cd "$tmp" && elixir "$name.exs" 2>/dev/null | head -n 1) > "$here/$name.out"
done
rm -rf "$tmp"
