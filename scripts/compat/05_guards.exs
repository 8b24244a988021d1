# feature: Guards (`when`, guard functions, `defguard`)
# case: type and comparison guards
defmodule G do
  def t(x) when is_integer(x) and x > 0, do: :pos
  def t(x) when is_binary(x) or is_atom(x), do: :word
  def t(x) when is_list(x) and length(x) > 1, do: :list
  def t(_), do: :other
end
IO.inspect(Enum.map([1, "a", :b, [1, 2], -1], &G.t/1))
# case: in and map.field in guards
defmodule G2 do
  @valid [:a, :b]
  def f(x) when x in @valid, do: :valid
  def f(m) when is_map(m) and m.size > 2, do: :big
  def f(_), do: :no
end
IO.inspect({G2.f(:a), G2.f(%{size: 3}), G2.f(:c)})
# case: defguard
defmodule G3 do
  defguard is_even(x) when is_integer(x) and rem(x, 2) == 0
  defguardp is_small(x) when x < 10
  def f(x) when is_even(x) and is_small(x), do: :small_even
  def f(_), do: :no
end
IO.inspect({G3.f(4), G3.f(12), G3.f(3)})
# case: guards in case and fn
f = fn x when is_tuple(x) -> tuple_size(x); _ -> 0 end
IO.inspect({f.({1, 2}), f.(3), case 5 do n when n > 3 -> :gt; _ -> :le end})
