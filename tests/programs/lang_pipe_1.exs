defmodule P do
  def inc(x), do: x + 1
  def mul(x, y), do: x * y
  def wrap(x, tag \\ :v), do: {tag, x}
end

IO.inspect(1 |> P.inc() |> P.mul(10) |> P.wrap())
IO.inspect(1 |> P.inc |> P.wrap(:n))
r =
  [5, 3, 8, 1]
  |> Enum.sort()
  |> Enum.map(&(&1 * 2))
  |> Enum.filter(&(&1 > 4))
  |> Enum.reverse()
IO.inspect(r)
"hello world"
|> String.split()
|> Enum.map(&String.capitalize/1)
|> Enum.join(" ")
|> IO.puts()
IO.inspect([1, 2, 3] |> Enum.sum() |> Integer.to_string() |> String.length())
IO.inspect(%{a: 1} |> Map.put(:b, 2) |> Map.keys())
x = 5 |> (fn v -> v * v end).()
IO.inspect(x)
IO.inspect(3 |> then(&(&1 + 1)))
IO.inspect(3 |> tap(&IO.inspect(&1, label: "tapped")))
IO.inspect("abc" |> String.reverse() |> String.to_atom())
IO.inspect(1..5 |> Enum.map(&P.inc/1) |> Enum.sum())
