# Maps of more than 32 keys iterate in the BEAM's hash order (OTP 25 hashmaps); this program
# prints maps of small, negative and big integer keys of 33, 100 and 1000 keys, their keys
# and an Enum.map over them, then deletes back below 33 keys (a flatmap again: term order).
defmodule MapOrderInts do
  def show(m) do
    IO.inspect(m, limit: :infinity)
    IO.inspect(Map.keys(m), limit: :infinity)
    IO.inspect(Enum.map(m, fn {k, v} -> {v, k} end), limit: :infinity)
    IO.inspect(Map.values(m), limit: :infinity)
    IO.inspect(for {k, _} <- m, do: k)
  end

  def main do
    show(Map.new(1..33, &{&1, &1 * 2}))
    show(Map.new(-50..49, &{&1, &1}))
    big = Map.new(1..40, fn i -> {i * 1_000_000_000_000_000_000 - 7, i} end)
    show(big)
    show(Map.new(1..40, fn i -> {-i * 100_000_000_000_000_000, i} end))
    show(Map.new(1..40, fn i -> {i * 1_152_921_504_606_846, i} end))
    m = Map.new(1..1000, &{&1 * 7919, &1})
    IO.inspect(Map.keys(m), limit: :infinity)
    IO.inspect(Enum.sum(Map.values(m)))
    # delete back below 33 keys
    small = Enum.reduce(34..1000, m, fn i, acc -> Map.delete(acc, i * 7919) end)
    show(small)
    show(Map.delete(small, 7919))
    # grow again past 32 from a flatmap
    show(Enum.reduce(1..40, %{}, fn i, acc -> Map.put(acc, i * 3, i) end))
    # updates of existing keys keep the order
    show(Enum.reduce(1..33, Map.new(1..33, &{&1, 0}), fn i, acc -> %{acc | i => i} end))
  end
end

MapOrderInts.main()
