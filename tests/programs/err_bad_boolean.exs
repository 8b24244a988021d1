defmodule Chk do
  def both(a, b), do: a and b
end
IO.inspect(Chk.both(true, false))
IO.inspect(Chk.both(1, true))
