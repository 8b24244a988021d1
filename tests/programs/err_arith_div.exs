defmodule Avg do
  def avg(list), do: Enum.sum(list) / length(list)
end
IO.inspect(Avg.avg([1, 2, 3]))
IO.inspect(Avg.avg([]))
