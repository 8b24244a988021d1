#!/usr/bin/env bash
# Standard-library coverage of retort against Elixir 1.14.
#
# For each module of the list below, real Elixir lists the module's public functions
# (`Mod.__info__(:functions)`, or `:mod.module_info(:exports)` for Erlang modules), leaving out
# deprecated and `@doc false` functions, `__*__` internals and the `MACRO-*` functions behind macros. For
# `:erlang` only the auto-imported BIFs count (`:erl_internal.bif/2`), the subset ordinary code
# calls. A generated script then asks retort, after `Code.ensure_loaded/1` (standard-library
# modules autoload on first use), which of them it has (`function_exported?/3` is true for
# functions written in the language and for natives). Macros (Kernel's `if`, `|>`, ...) are not
# functions and are not counted here; `scripts/compatibility.sh` checks them as syntax.
# Prints, per module, present/total and the missing name/arity pairs, then the overall share.
#
# Usage: scripts/stdlib_coverage.sh [--markdown] [RETORT_BINARY]   (default: target/release/retort)
#   --markdown  print a Markdown table (used by scripts/compatibility.sh for docs/compatibility.md)
# Needs `elixir` on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
FORMAT=text
if [ "${1:-}" = "--markdown" ]; then FORMAT=markdown; shift; fi
RETORT=${1:-target/release/retort}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

MODULES='[
  Kernel, Enum, List, Map, Keyword, MapSet, Tuple, Range, String, Integer, Float, Atom, Stream,
  Regex, Access, IO, System, File, Path, Exception, Module, Code, Bitwise, Base, URI, Version,
  OptionParser, StringIO, Registry,
  Date, Time, NaiveDateTime, DateTime, Calendar, Calendar.ISO,
  String.Chars, List.Chars, Inspect, Inspect.Algebra, Enumerable, Collectable,
  Process, GenServer, Supervisor, DynamicSupervisor, Agent, Task, Logger, Node, Port,
  ExUnit.Assertions,
  :math, :erlang, :lists, :maps, :io, :io_lib, :calendar, :crypto, :ets, :timer, :unicode,
  :string, :binary, :queue, :sys
]'

# 1. Elixir writes the retort probe script, with the reference function lists embedded.
elixir -e '
mods = '"$MODULES"'
entries =
  for m <- mods do
    Code.ensure_loaded!(m)
    funs =
      if function_exported?(m, :__info__, 1) do
        deprecated = Enum.map(m.__info__(:deprecated), &elem(&1, 0))
        hidden =
          case Code.fetch_docs(m) do
            {:docs_v1, _, _, _, _, _, docs} ->
              for {{:function, f, a}, _, _, :hidden, _} <- docs, do: {f, a}
            _ -> []
          end
        m.__info__(:functions) -- (deprecated ++ hidden)
      else
        m.module_info(:exports) -- [module_info: 0, module_info: 1]
      end
    funs = if m == :erlang, do: Enum.filter(funs, fn {f, a} -> :erl_internal.bif(f, a) end), else: funs
    funs =
      funs
      |> Enum.reject(fn {f, _} -> String.starts_with?(Atom.to_string(f), ["__", "MACRO-"]) end)
      |> Enum.uniq()
      |> Enum.sort()
    {m, funs}
  end
IO.puts("entries = " <> inspect(entries, limit: :infinity, printable_limit: :infinity))
IO.puts("format = :'"$FORMAT"'")
IO.puts(~S"""
if format == :markdown do
  IO.puts("| module | present / total | missing (name/arity) |")
  IO.puts("|---|---|---|")
end
totals =
  Enum.reduce(entries, %{}, fn {m, funs}, acc ->
    Code.ensure_loaded(m)
    missing = Enum.reject(funs, fn {f, a} -> function_exported?(m, f, a) end)
    n = length(funs)
    p = n - length(missing)
    name = inspect(m)
    pct = "#{div(p * 100, max(n, 1))}%"
    if format == :markdown do
      names = Enum.map_join(missing, " ", fn {f, a} -> "`#{f}/#{a}`" end)
      IO.puts("| `#{name}` | #{p}/#{n} (#{pct}) | #{names} |")
    else
      names = Enum.map_join(missing, " ", fn {f, a} -> "#{f}/#{a}" end)
      IO.puts("#{String.pad_trailing(name, 8)} #{p}/#{n} (#{pct})" <> if(names == "", do: "", else: "  missing: " <> names))
    end
    group = if String.starts_with?(Atom.to_string(m), "Elixir."), do: :elixir, else: :erlang
    Map.update(acc, group, {p, n}, fn {p0, n0} -> {p0 + p, n0 + n} end)
  end)
{pe, te} = Map.get(totals, :elixir, {0, 0})
{po, to} = Map.get(totals, :erlang, {0, 0})
rows = [{"Elixir modules", pe, te}, {"Erlang modules", po, to}, {"all", pe + po, te + to}]
for {label, p, t} <- rows do
  share = "#{p}/#{t} (#{div(p * 100, max(t, 1))}%)"
  if format == :markdown do
    IO.puts("| **total, #{label}** | **#{share}** | |")
  else
    IO.puts("TOTAL #{label}: #{share}")
  end
end
""")
' > "$tmp/probe.exs"

# 2. retort runs it.
"$RETORT" run "$tmp/probe.exs"
