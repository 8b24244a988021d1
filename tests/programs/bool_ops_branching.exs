# `and`/`or`/`&&`/`||` whose left side is always a boolean (comparisons, type tests)
# branch on it; comparisons with small-integer immediates yield booleans as values.
defmodule BoolOps do
  def both(a, b), do: a > 1 and b < 2
  def either(a, b), do: a > 1 or b < 2
  def lazy_and(a), do: a > 1 && a * 10
  def lazy_or(a), do: a > 1 || :small
  def right_any(a, v), do: a == 0 and v
  def typed(x), do: is_integer(x) and x > 0
  def nested(a, b, c), do: (a < b and b < c) or (a > b and b > c)
  def negated(a), do: not (a > 3) and a != 0
  def multiple_of_3?(x), do: rem(x, 3) == 0
  def imm_left(x), do: 0 == x
  def imm_ops(x), do: {x < 2, x <= 2, x > 2, x >= 2, x == 2, x != 2, x === 2, x !== 2}
  def safe?(col, placed) do
    placed
    |> Enum.with_index(1)
    |> Enum.all?(fn {c, d} -> c != col and abs(c - col) != d end)
  end
end

IO.inspect(for a <- [0, 1, 2], b <- [1, 2, 3], do: BoolOps.both(a, b))
IO.inspect(for a <- [0, 1, 2], b <- [1, 2, 3], do: BoolOps.either(a, b))
IO.inspect(Enum.map([0, 2, 5], &BoolOps.lazy_and/1))
IO.inspect(Enum.map([0, 2, 5], &BoolOps.lazy_or/1))
IO.inspect(BoolOps.right_any(0, :not_a_boolean))
IO.inspect(BoolOps.right_any(0, nil))
IO.inspect(BoolOps.right_any(1, :never_evaluated))
IO.inspect(Enum.map([1, -1, 1.5, :a, "s"], &BoolOps.typed/1))
IO.inspect({BoolOps.nested(1, 2, 3), BoolOps.nested(3, 2, 1), BoolOps.nested(1, 3, 2)})
IO.inspect(Enum.map([0, 2, 4], &BoolOps.negated/1))
IO.inspect(Enum.filter(1..20, &BoolOps.multiple_of_3?/1))
IO.inspect(Enum.map([0, 0.0, 1, nil], &BoolOps.imm_left/1))
IO.inspect(Enum.map([1, 2, 2.0, 3, :atom, "bin", [], {}], &BoolOps.imm_ops/1))
IO.inspect(BoolOps.safe?(3, [1, 5, 8]))
IO.inspect(BoolOps.safe?(4, [1, 5, 8]))
IO.inspect(Enum.count(1..1000, fn x -> x > 10 and rem(x, 7) == 3 end))

try do
  IO.inspect(BoolOps.both(:a, 1))
  IO.inspect(BoolOps.multiple_of_3?(:a))
rescue
  e -> IO.inspect(e)
end
