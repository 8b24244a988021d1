defmodule Split do
  def per(total, n), do: div(total, n)
end
IO.inspect(Split.per(10, 3))
IO.inspect(Split.per(10, 0))
