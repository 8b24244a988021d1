defmodule Shape do
  def area({:square, s}), do: s * s
  def area({:rect, w, h}) when w > 0 and h > 0, do: w * h
  def perimeter(shape, scale \\ 1)
  def perimeter({:square, s}, scale), do: 4 * s * scale
end
defmodule Try do
  def run(f) do
    try do
      IO.inspect(f.())
    rescue
      e in FunctionClauseError ->
        IO.puts(Exception.message(e))
        IO.inspect({e.module, e.arity})
    end
  end
end
Try.run(fn -> Shape.area({:square, 3}) end)
Try.run(fn -> Shape.area({:rect, 2, 3}) end)
Try.run(fn -> Shape.area({:rect, -2, 3}) end)
Try.run(fn -> Shape.area(:circle) end)
Try.run(fn -> Shape.perimeter({:circle, 1}) end)
Try.run(fn -> Shape.perimeter({:circle, 1}, 2) end)
f = fn
  1 -> :one
  2 -> :two
end
Try.run(fn -> f.(1) end)
Try.run(fn -> f.(3) end)
g = fn x, y when x > y -> x - y end
Try.run(fn -> g.(5, 1) end)
Try.run(fn -> g.(1, 5) end)
Try.run(fn -> Enum.map([1, 2], fn 1 -> :a end) end)
