defmodule Calc do
  def total(items), do: items |> Enum.map(&line/1) |> sum(0)

  defp line({qty, price}), do: qty * price
  defp line(%{qty: q, price: p}), do: q * p

  defp sum([], acc), do: acc
  defp sum([h | t], acc), do: sum(t, acc + h)

  def public_wrapper(x), do: helper(x, 1)
  defp helper(x, n) when n > 3, do: x
  defp helper(x, n), do: helper(x * 2, n + 1)

  def countdown(0), do: ["liftoff"]
  def countdown(n), do: [Integer.to_string(n) | countdown(n - 1)]
end

IO.inspect(Calc.total([{2, 3}, %{qty: 1, price: 10}, {5, 5}]))
IO.inspect(Calc.public_wrapper(3))
IO.inspect(Calc.countdown(3))
IO.inspect(function_exported?(Calc, :line, 1))
IO.inspect(function_exported?(Calc, :total, 1))
IO.inspect(Calc.__info__(:functions))
try do
  apply(Calc, :sum, [[1], 0])
rescue
  e in UndefinedFunctionError -> IO.puts(Exception.message(e))
end
