# `in` inside a guard needs a compile-time list or range on the right: a compile error.
defmodule Bad do
  def member(x, list) when x in list, do: true
  def member(_, _), do: false
end

IO.puts(Bad.member(1, [1]))
