defmodule Here do
  def a, do: 1
end
IO.inspect(Here.a())
IO.inspect(Here.b(2))
