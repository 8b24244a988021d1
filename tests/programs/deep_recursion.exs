# Non-tail recursion 100 000 deep completes: frames live on the heap.
# A tail-recursive loop of ten million iterations runs in constant space.
defmodule Deep do
  def depth(0), do: 0
  def depth(n), do: 1 + depth(n - 1)

  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, acc + 1)

  def build(0), do: []
  def build(n), do: [n | build(n - 1)]
end

IO.puts(Deep.depth(100_000))
IO.puts(Deep.count(10_000_000, 0))
IO.puts(length(Deep.build(200_000)))
