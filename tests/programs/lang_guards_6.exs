defmodule G6 do
  def f(m, k) when is_map_key(m, k), do: {:has, Map.get(m, k)}
  def f(_, _), do: :missing

  def arity(fun) when is_function(fun, 0), do: 0
  def arity(fun) when is_function(fun, 1), do: 1
  def arity(fun) when is_function(fun, 2), do: 2
  def arity(_), do: :not_a_fun

  def size(x) when is_binary(x) and byte_size(x) > 3, do: :long_bin
  def size(x) when is_tuple(x) and tuple_size(x) in [2, 3], do: :small_tuple
  def size(x) when is_list(x) and length(x) in 1..3, do: :short_list
  def size(_), do: :other

  def num(x) when is_integer(x) and x >= 0 and x <= 9, do: :digit
  def num(x) when trunc(x) == 10, do: :ten_ish
  def num(x) when round(x) == 20, do: :twenty_ish
  def num(x) when ceil(x) == 30 or floor(x) == 40, do: :ceil_floor
  def num(_), do: :other

  def bool(x) when x == true or x == false, do: :bool
  def bool(x) when is_atom(x) and x != nil, do: :atom
  def bool(_), do: :other

  def xor(a, b) when (a and not b) or (b and not a), do: true
  def xor(_, _), do: false
end

IO.inspect(G6.f(%{a: 1}, :a))
IO.inspect(G6.f(%{a: 1}, :b))
IO.inspect(G6.f(:not_map, :a))
IO.inspect(Enum.map([fn -> 1 end, fn a -> a end, fn a, b -> {a, b} end, &Enum.map/3, 5], &G6.arity/1))
IO.inspect(Enum.map(["abcd", "ab", {1, 2}, {1}, [1, 2], [], [1, 2, 3, 4]], &G6.size/1))
IO.inspect(Enum.map([5, 10.4, 19.6, 29.5, 40.9, 150, -150, 50, :atom], &G6.num/1))
IO.inspect(Enum.map([true, false, :x, nil, 1], &G6.bool/1))
IO.inspect(for a <- [true, false], b <- [true, false], do: G6.xor(a, b))
