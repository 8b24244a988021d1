defmodule Sign do
  def of(n) do
    r = cond do
      n > 0 -> :pos
      n < 0 -> :neg
    end
    {:sign, r}
  end
end
IO.inspect(Sign.of(3))
IO.inspect(Sign.of(0))
