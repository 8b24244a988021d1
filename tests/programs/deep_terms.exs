defmodule D do
  def build(0, acc), do: acc
  def build(n, acc), do: build(n - 1, {acc})
end
a = D.build(200_000, 1)
b = D.build(200_000, 1)
IO.puts(a == b)
IO.puts(a === b)
IO.puts(a < b)
c = D.build(200_000, 2)
IO.puts(a == c)
IO.puts(a < c)
l = Enum.reduce(1..200_000, [], fn _, acc -> [acc] end)
IO.puts(l == l)
IO.puts(:done)
