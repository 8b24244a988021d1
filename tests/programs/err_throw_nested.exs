defmodule Walker do
  def walk([]), do: :done
  def walk([h | t]) do
    if h < 0, do: throw({:negative, h})
    walk(t)
  end
end
IO.inspect(Walker.walk([1, 2]))
Walker.walk([1, -2, 3])
