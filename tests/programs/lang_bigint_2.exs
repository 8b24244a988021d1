defmodule B2 do
  def pow_mod(_b, 0, _m), do: 1
  def pow_mod(b, e, m) when rem(e, 2) == 0 do
    h = pow_mod(b, div(e, 2), m)
    rem(h * h, m)
  end
  def pow_mod(b, e, m), do: rem(b * pow_mod(b, e - 1, m), m)

  def digits_sum(n), do: n |> Integer.digits() |> Enum.sum()
  def collatz(1, steps), do: steps
  def collatz(n, steps) when rem(n, 2) == 0, do: collatz(div(n, 2), steps + 1)
  def collatz(n, steps), do: collatz(3 * n + 1, steps + 1)
end

IO.inspect(B2.pow_mod(2, 1000, 1_000_000_007))
IO.inspect(B2.digits_sum(2 ** 1000))
IO.inspect(B2.collatz(27, 0))
a = 123_456_789_123_456_789_123_456_789
b = 987_654_321_987_654_321
IO.inspect(a * b)
IO.inspect(a + b)
IO.inspect(a - b)
IO.inspect(b - a)
IO.inspect(div(a, b))
IO.inspect(rem(a, b))
IO.inspect(div(-a, b))
IO.inspect(rem(-a, b))
IO.inspect(div(a, -b))
IO.inspect(a / b)
IO.inspect(a > b)
IO.inspect(a == a + 0)
IO.inspect(Bitwise.band(a, 0xFFFF))
IO.inspect(Bitwise.bsl(1, 100))
IO.inspect(Bitwise.bsr(2 ** 100, 98))
IO.inspect(a * 1.0)
IO.inspect(trunc(1.0e30))
IO.inspect(round(1.5e19))
IO.inspect(Integer.to_string(-a, 2) |> String.length())
IO.inspect(Enum.reduce(1..30, 1, &*/2))
IO.inspect(-9_223_372_036_854_775_808)
IO.inspect(abs(-9_223_372_036_854_775_808))
IO.inspect(-(-9_223_372_036_854_775_808))
IO.inspect(9_223_372_036_854_775_807 - -1)
IO.inspect(div(-9_223_372_036_854_775_808, -1))
IO.inspect(Integer.to_string(123, 36))
IO.inspect(Integer.undigits([1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]))
