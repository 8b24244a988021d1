defmodule Arith do
  def classify(n) when abs(n) > 100, do: :huge
  def classify(n) when rem(n, 2) == 0 and div(n, 10) == 0, do: :small_even
  def classify(n) when rem(n, 2) == 1 or rem(n, 2) == -1, do: :odd
  def classify(n) when not (n < 0), do: :nonneg_even
  def classify(_), do: :neg_even

  def zero_div(n) when div(n, 0) == 1, do: :never
  def zero_div(_), do: :div_by_zero_fails_guard

  def cmp(a, b) when a === b, do: :strict_equal
  def cmp(a, b) when a == b, do: :equal
  def cmp(a, b) when a != b and a < b, do: :less
  def cmp(a, b) when a !== b and a >= b, do: :greater_or_equal

  def calc(x) when x * 2 + 1 > 10 and x - 1 < 100, do: :mid
  def calc(x) when x / 2 > 100, do: :big
  def calc(_), do: :low
end

for n <- [1000, -1000, 4, 5, -5, 12, -12, 0] do
  IO.puts("#{n}: #{Arith.classify(n)}")
end

IO.inspect(Arith.zero_div(5))
IO.inspect(Arith.cmp(1, 1))
IO.inspect(Arith.cmp(1, 1.0))
IO.inspect(Arith.cmp(1, 2))
IO.inspect(Arith.cmp(3, 2))
IO.inspect(Arith.cmp(:a, 1))
IO.inspect(Arith.calc(3))
IO.inspect(Arith.calc(6))
IO.inspect(Arith.calc(500))
IO.inspect(Arith.calc(500.0))
