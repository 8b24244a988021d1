IO.inspect(quote do: 1 + x)
IO.inspect(quote do: foo(1, [a: 2]))
IO.inspect(quote do: Enum.map(xs, fn y -> y * 2 end))
IO.inspect(quote do: {1, 2, 3})
IO.inspect(quote do: %{a: 1})
x = 5
IO.inspect(quote do: unquote(x) + 1)
l = [1,2]
IO.inspect(quote do: f(unquote_splicing(l), 3))
IO.inspect(quote do
  a = 1
  a + 2
end)
IO.inspect(quote do: if(x, do: 1, else: 2))
IO.inspect(quote do: "a#{x}b")
IO.inspect(quote do: x.y)
IO.inspect(quote do: @foo)
defmodule QM do
  def q, do: quote(do: bar + 1)
end
IO.inspect quote(bind_quoted: [x: %{a: 1}], do: x + 1)
IO.inspect quote(do: [1 | t])
IO.inspect quote(do: Foo.bar(1))
defmodule A do alias Foo.Bar; def q, do: quote(do: Bar.x) end; IO.inspect A.q
IO.inspect Macro.escape(%{a: {1, 2, 3}})
IO.inspect Macro.escape({:a, [1, {2, 3}]})
IO.inspect Macro.var(:x, nil)
for q <- [
  quote(do: Enum.map(xs, fn y -> y * 2 end) |> foo(1 + 2 * 3)),
  quote(do: (1 + 2) * 3),
  quote(do: if(x, do: 1, else: 2)),
  quote(do: {1, 2, 3}),
  quote(do: %{a: 1, b: [1, 2]}),
  quote(do: "a#{x}b"),
  quote(do: x.y),
  quote(do: f.(1, 2)),
  quote(do: foo(1, a: 2)),
  quote(do: [1 | t]),
  quote(do: -x),
  quote(do: !a && b),
  quote(do: a = b = 3),
  quote(do: fn a, b -> a + b end),
  quote(do: :ok),
  quote(do: "str"),
  quote(do: (def f(x) when x > 1, do: x)),
  quote(do: case x do 1 -> :a; _ -> :b end),
  quote(do: %User{name: "a"}),
  quote(do: @foo),
  quote(do: a - (b - c))
] do
  IO.puts Macro.to_string(q)
end
IO.puts Macro.camelize("foo_bar/baz")
IO.puts Macro.underscore("FooBar.BazQux")
