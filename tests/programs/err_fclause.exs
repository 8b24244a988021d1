defmodule Fact do
  def fact(0), do: 1
  def fact(n) when is_integer(n) and n > 0, do: n * fact(n - 1)
end
IO.puts(Fact.fact(5))
IO.puts(Fact.fact(-1))
