defmodule Apply do
  def twice(f, x), do: f.(f.(x))
end
IO.inspect(Apply.twice(fn x -> x * 2 end, 3))
IO.inspect(Apply.twice(:not_a_fun, 3))
