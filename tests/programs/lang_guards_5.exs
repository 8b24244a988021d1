defmodule Multi do
  # multiple when clauses
  def check(x) when is_integer(x) when is_float(x), do: :number
  def check(x) when is_atom(x) when is_binary(x), do: :name
  def check(_), do: :other

  def sign(0), do: :zero
  def sign(n) when n > 0, do: :positive
  def sign(_), do: :negative

  def len([]), do: 0
  def len([_ | t]), do: 1 + len(t)

  def pick(%{type: :circle, r: r}) when r > 0, do: {:circle, 3 * r * r}
  def pick(%{type: :square, side: s}), do: {:square, s * s}
  def pick({:point, x, y}) when x == y, do: :diagonal
  def pick({:point, _, _}), do: :point
  def pick("cmd:" <> rest), do: {:cmd, rest}
  def pick([a, a | _]), do: {:dup_start, a}
  def pick(_), do: :unknown

  def both(a, a), do: :same
  def both(_, _), do: :different

  def is_even?(n) when is_integer(n) and rem(n, 2) == 0, do: true
  def is_even?(_), do: false
end

IO.inspect(Enum.map([1, 1.5, :a, "b", [], {}], &Multi.check/1))
IO.inspect(Enum.map([0, 3, -3], &Multi.sign/1))
IO.inspect(Multi.len([1, 2, 3, 4, 5]))
IO.inspect(Multi.pick(%{type: :circle, r: 2}))
IO.inspect(Multi.pick(%{type: :circle, r: 0}))
IO.inspect(Multi.pick(%{type: :square, side: 3, color: :red}))
IO.inspect(Multi.pick({:point, 1, 1}))
IO.inspect(Multi.pick({:point, 1, 2}))
IO.inspect(Multi.pick("cmd:run"))
IO.inspect(Multi.pick([4, 4, 5]))
IO.inspect(Multi.pick([4, 5]))
IO.inspect(Multi.both(1, 1))
IO.inspect(Multi.both(1, 1.0))
IO.inspect(Multi.both("a", "a"))
IO.inspect(Enum.filter(1..10, &Multi.is_even?/1))
