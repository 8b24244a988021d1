defmodule Matrix do
  def new(rows, cols, f), do: for(r <- 0..(rows - 1), do: for(c <- 0..(cols - 1), do: f.(r, c)))
  def transpose([[] | _]), do: []
  def transpose(m), do: [Enum.map(m, &hd/1) | transpose(Enum.map(m, &tl/1))]
  def mul(a, b) do
    bt = transpose(b)
    for row <- a, do: for(col <- bt, do: dot(row, col))
  end
  defp dot(xs, ys), do: Enum.zip(xs, ys) |> Enum.reduce(0, fn {x, y}, acc -> acc + x * y end)
  def pow(m, 1), do: m
  def pow(m, n) when rem(n, 2) == 0, do: pow(mul(m, m), div(n, 2))
  def pow(m, n), do: mul(m, pow(m, n - 1))
  def format(m), do: Enum.map_join(m, "\n", fn row -> Enum.map_join(row, " ", &String.pad_leading(to_string(&1), 4)) end)
end

id = Matrix.new(3, 3, fn r, c -> if r == c, do: 1, else: 0 end)
IO.puts(Matrix.format(id))
m = Matrix.new(2, 3, fn r, c -> r * 3 + c end)
IO.inspect(m)
IO.inspect(Matrix.transpose(m))
IO.inspect(Matrix.mul(m, Matrix.transpose(m)))
fib = Matrix.pow([[1, 1], [1, 0]], 90)
IO.inspect(fib)
IO.puts(Matrix.format(Matrix.mul(id, Matrix.new(3, 3, &(&1 - &2)))))
