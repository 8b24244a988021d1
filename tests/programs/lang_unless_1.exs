defmodule U do
  def check(x) do
    unless is_nil(x) do
      "got #{x}"
    else
      "nothing"
    end
  end
  def one(x), do: unless(x, do: :falsy)
end
IO.inspect(U.check(nil))
IO.inspect(U.check(5))
IO.inspect(U.one(false))
IO.inspect(U.one(true))
IO.inspect(unless(1 == 2, do: :math_ok, else: :math_broken))
if true, do: IO.puts("one-liner if")
unless false, do: IO.puts("one-liner unless")
r = if false do
  :no
else
  if nil do
    :no2
  else
    :nested_else
  end
end
IO.inspect(r)
x = 3
msg = cond do
  x < 0 -> "negative"
  x == 0 -> "zero"
  x in 1..5 -> "small"
  true -> "large"
end
IO.puts(msg)
