# defguard / defguardp: used in guards of def, fn, case, and in ordinary code; imported and
# remote uses from another module.
defmodule Guards do
  defguard is_even(x) when is_integer(x) and rem(x, 2) == 0
  defguard is_small(x) when x in 0..9
  defguard is_pos_even(x) when is_even(x) and x > 0
  defguardp is_short(s) when is_binary(s) and byte_size(s) < 4
  defguard both_even(a, b) when is_even(a) and is_even(b)

  def classify(x) when is_pos_even(x), do: :positive_even
  def classify(x) when is_even(x), do: :even
  def classify(x) when is_small(x), do: :small_odd
  def classify(_), do: :other

  def short?(s) when is_short(s), do: true
  def short?(_), do: false

  def pair(a, b) when both_even(a, b), do: :both
  def pair(_, _), do: :not_both

  def in_body(x), do: {is_even(x), is_small(x), is_short("ab")}

  def with_case(v) do
    case v do
      n when is_even(n) or is_small(n) -> {:hit, n}
      _ -> :miss
    end
  end
end

defmodule User do
  import Guards

  def check(x) when is_even(x), do: "#{x} is even"
  def check(x), do: "#{x} is not even"

  def filter(list), do: Enum.filter(list, fn x when is_small(x) -> true; _ -> false end)
end

defmodule Remote do
  require Guards
  def f(x) when Guards.is_even(x), do: :even
  def f(_), do: :odd
  def g(x), do: Guards.is_small(x)
end

IO.inspect(Enum.map([4, -2, 3, 11, :a, 2.0], &Guards.classify/1))
IO.inspect({Guards.short?("abc"), Guards.short?("abcd"), Guards.short?(:abc)})
IO.inspect({Guards.pair(2, 4), Guards.pair(2, 3)})
IO.inspect(Guards.in_body(4))
IO.inspect(Guards.in_body(13))
IO.inspect(Enum.map([4, 5, 15], &Guards.with_case/1))
IO.inspect(User.check(10))
IO.inspect(User.check(7))
IO.inspect(User.filter([1, 20, 5, -1, 9]))
IO.inspect({Remote.f(8), Remote.f(9), Remote.g(3), Remote.g(30)})
