defmodule Parity do
  require Integer

  def kind(n) when Integer.is_even(n), do: :even
  def kind(n) when Integer.is_odd(n), do: :odd
  def kind(_), do: :not_int

  def split(list), do: Enum.split_with(list, &Integer.is_even/1)
end

IO.inspect(Enum.map([1, 2, -3, 0, 2.0, :a], &Parity.kind/1))
IO.inspect(Parity.split(1..10 |> Enum.to_list()))
require Integer
IO.inspect(Integer.is_odd(7))
IO.inspect(Enum.filter(1..10, &Integer.is_odd/1))
