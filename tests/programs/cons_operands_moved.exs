# List cells whose head or tail dies where the cell is built move the term into the cell
# (ConsTake); these cases check that nothing else sees the moved register.
defmodule ConsMoves do
  def twice(x), do: [x | x]

  def grow(x, 0), do: x
  def grow(x, n), do: grow([x | x], n - 1)

  def keep_head(h, t) do
    l = [h | t]
    {l, h}
  end

  def keep_tail(h, t) do
    l = [h | t]
    {l, t}
  end

  def build(0, acc), do: acc
  def build(n, acc), do: build(n - 1, [{n, [n]} | acc])

  def shared_tail(t) do
    a = [1 | t]
    b = [2 | t]
    {a, b, t}
  end
end

IO.inspect(ConsMoves.twice([1, 2]))
IO.inspect(ConsMoves.twice(:a))
IO.inspect(ConsMoves.grow([], 3))
IO.inspect(ConsMoves.keep_head(%{a: 1}, [2]))
IO.inspect(ConsMoves.keep_tail("h", ["t", "u"]))
IO.inspect(ConsMoves.build(4, []))
IO.inspect(ConsMoves.shared_tail([3, 4]))
x = [1, 2, 3]
y = [0 | x]
IO.inspect({x, y, length(y)})
z = for i <- 1..5, do: [i | x]
IO.inspect(z)
