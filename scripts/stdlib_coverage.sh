#!/usr/bin/env bash
# Standard-library coverage of retort against Elixir 1.14.
#
# For each module of issue 4's list, real Elixir lists the module's public functions
# (`Mod.__info__(:functions)`, or `:mod.module_info(:exports)` for Erlang modules), leaving out
# deprecated functions, `__*__` internals and the `MACRO-*` functions behind macros. A generated script then asks retort, after
# `Code.ensure_loaded/1` (standard-library modules autoload on first use), which of them it
# has (`function_exported?/3` is true for functions written in the language and for natives).
# Prints, per module, present/total and the missing name/arity pairs, then the overall share.
#
# Usage: scripts/stdlib_coverage.sh [RETORT_BINARY]   (default: target/release/retort)
# Needs `elixir` on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
RETORT=${1:-target/release/retort}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

MODULES='[Kernel, Enum, List, Map, Keyword, MapSet, Tuple, Range, String, Integer, Float, Stream, Regex, Access, IO, System, File, Path, :math]'

# 1. Elixir writes the retort probe script, with the reference function lists embedded.
elixir -e '
mods = '"$MODULES"'
entries =
  for m <- mods do
    funs =
      if function_exported?(m, :__info__, 1) do
        deprecated = Enum.map(m.__info__(:deprecated), &elem(&1, 0))
        m.__info__(:functions) -- deprecated
      else
        m.module_info(:exports) -- [module_info: 0, module_info: 1]
      end
    funs =
      funs
      |> Enum.reject(fn {f, _} -> String.starts_with?(Atom.to_string(f), ["__", "MACRO-"]) end)
      |> Enum.uniq()
      |> Enum.sort()
    {m, funs}
  end
IO.puts("entries = " <> inspect(entries, limit: :infinity, printable_limit: :infinity))
IO.puts(~S"""
total =
  Enum.reduce(entries, {0, 0}, fn {m, funs}, {p_all, t_all} ->
    Code.ensure_loaded(m)
    missing = Enum.reject(funs, fn {f, a} -> function_exported?(m, f, a) end)
    n = length(funs)
    p = n - length(missing)
    name = inspect(m)
    names = Enum.map_join(missing, " ", fn {f, a} -> "#{f}/#{a}" end)
    IO.puts("#{String.pad_trailing(name, 8)} #{p}/#{n} (#{div(p * 100, max(n, 1))}%)" <> if(names == "", do: "", else: "  missing: " <> names))
    {p_all + p, t_all + n}
  end)
{p, t} = total
IO.puts("TOTAL    #{p}/#{t} (#{div(p * 100, t)}%)")
""")
' > "$tmp/probe.exs"

# 2. retort runs it.
"$RETORT" run "$tmp/probe.exs"
