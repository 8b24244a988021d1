# Bitwise of issue 12: import Bitwise / use Bitwise, the operators (also in guards), the
# functions, big integers and negative shifts.
import Bitwise

IO.inspect({5 &&& 3, 5 ||| 3, 5 ^^^ 3, 1 <<< 4, 256 >>> 2, ~~~5})
IO.inspect({band(5, 3), bor(5, 3), bxor(5, 3), bnot(5), bsl(1, 4), bsr(256, 2)})
IO.inspect({Bitwise.band(6, 3), Bitwise.bsl(1, 70), -1 >>> 1, 1 <<< -1, -16 >>> 2})
IO.inspect({(1 <<< 100) ||| 1, (1 <<< 100) &&& ((1 <<< 100) - 1), ~~~(1 <<< 64)})
IO.inspect(1 ||| 2 &&& 3)
IO.inspect(Enum.reduce([1, 2, 4, 8], 0, &bor/2))
IO.inspect(Enum.map([1, 2, 3], &(&1 <<< 2)))

defmodule Flags do
  use Bitwise

  @read 1
  @write 2

  def odd?(x) when (x &&& 1) == 1, do: true
  def odd?(_), do: false

  def can_write?(flags) when band(flags, @write) != 0, do: true
  def can_write?(_), do: false

  def all, do: @read ||| @write
end

defmodule OnlyOps do
  use Bitwise, only_operators: true
  def f(x), do: x <<< 1 ||| 1
end

IO.inspect({Flags.odd?(3), Flags.odd?(4), Flags.odd?(:a), Flags.can_write?(3), Flags.can_write?(1), Flags.all()})
IO.inspect(OnlyOps.f(4))

try do
  IO.inspect(bsl(1, :a))
rescue
  e in ArithmeticError -> IO.puts(Exception.message(e))
end

try do
  IO.inspect(band(1.0, 1))
rescue
  e in ArithmeticError -> IO.puts(Exception.message(e))
end
