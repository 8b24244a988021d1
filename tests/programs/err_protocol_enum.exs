IO.inspect(Enum.map([1, 2], &(&1 * 2)))
IO.inspect(Enum.map(1, &(&1 * 2)))
