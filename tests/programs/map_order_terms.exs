# Hash order of maps of more than 32 keys with float, binary, tuple, list and map keys
# (OTP 25 hashes them with make_internal_hash), and 0.0 / -0.0 as keys. No atom keys in
# maps of more than 32 keys: the BEAM hashes an atom by its atom-table index.
defmodule MapOrderTerms do
  def show(m) do
    IO.inspect(m, limit: :infinity)
    IO.inspect(Map.keys(m), limit: :infinity)
    IO.inspect(Enum.map(m, fn {k, _} -> k end), limit: :infinity)
  end

  def main do
    show(Map.new(1..33, &{&1 / 4, &1}))
    show(Map.new(-20..20, &{&1 * 1.5, &1}))
    show(Map.new(1..40, &{"key#{&1}", &1}))
    show(Map.new(1..40, &{String.duplicate("ab", &1), &1}))
    show(Map.new(1..40, &{{&1, "t", 2.5}, &1}))
    show(Map.new(1..40, &{{}, &1}))
    show(Map.new(1..40, &{[&1, &1 + 1], &1}))
    show(Map.new(1..40, &{Enum.to_list(1..&1), &1}))
    show(Map.new(1..40, &{[300 + &1 | 5], &1}))
    show(Map.new(1..40, &{'abc#{&1}', &1}))
    show(Map.new(1..40, &{%{1 => &1, "b" => [&1]}, &1}))
    show(Map.new(1..40, &{Map.new(1..&1, fn j -> {j, j} end), &1}))
    show(Map.new(1..40, &{{&1 * 1.0, -&1}, &1}))
    mixed = Map.new(1..35, fn i -> {Enum.at([i, i * 1.0, "s#{i}", {i}, [i], -i * 10_000_000_000_000_000_000], rem(i, 6)), i} end)
    show(mixed)
    m = Map.new(1..40, &{&1 * 1.0, &1})
    show(Map.put(m, -0.0, :neg))
    show(Map.put(m, 0.0, :pos) |> Map.put(-0.0, :neg))
    IO.inspect(%{0.0 => 1, -0.0 => 2})
    IO.inspect(Map.has_key?(Map.put(m, 0.0, 1), -0.0))
    IO.inspect(Map.new(1..40, &{&1, &1}) |> Map.get(1.0))
    IO.inspect(Map.new(1..40, &{&1 * 1.0, &1}) |> Map.get(1))
  end
end

MapOrderTerms.main()
