# feature: Syntax forms: do-blocks and keyword forms, optional parentheses, multi-alias, user operators
# case: do: keyword form and optional parentheses
defmodule K do
  def f(x), do: if x > 1, do: :big, else: :small
  def g x do
    x + 1
  end
end
IO.inspect [K.f(2), K.g(1)]
# case: multi-line pipeline, trailing comma, semicolons
r =
  [1, 2, 3,]
  |> Enum.map(fn x -> x * 2 end)
  |> Enum.sum(); IO.inspect(r)
# case: multi-alias
defmodule Al.One do
  def n, do: 1
end
defmodule Al.Two do
  def n, do: 2
end
defmodule UseAl do
  alias Al.{One, Two}
  def go, do: One.n() + Two.n()
end
IO.inspect(UseAl.go())
# case: user-defined operator
defmodule Op do
  def a <~> b, do: {a, b}
  def go, do: 1 <~> 2
end
IO.inspect(Op.go())
# case: defdelegate
defmodule Del do
  defdelegate size(m), to: Kernel, as: :map_size
end
IO.inspect(Del.size(%{a: 1}))
# case: keyword list in access brackets and keyword calls without brackets
graph = %{[title: "x"] => 1}
IO.inspect({graph[title: "x"], Keyword.merge([a: 1], b: 2, c: 3)})
