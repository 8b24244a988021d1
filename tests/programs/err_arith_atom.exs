defmodule Inc do
  def inc(x), do: x + 1
end
IO.inspect(Inc.inc(41))
IO.inspect(Inc.inc(:a))
