defmodule T do
  def go(x), do: throw({:found, x})
end
T.go([1, 2])
