defmodule Check do
  def positive!(n) when n > 0, do: n
  def positive!(n), do: raise("expected a positive number, got: #{n}")
end
IO.inspect(Check.positive!(1))
IO.inspect(Check.positive!(-5))
