# feature: Pattern matching
# case: nested patterns
{:ok, %{name: name, tags: [first | _]}} = {:ok, %{name: "n", tags: [:a, :b]}}
IO.inspect({name, first})
# case: function clauses
defmodule M do
  def f({:a, x}), do: x
  def f([_, y]), do: y
  def f(%{k: v}), do: v
  def f(_), do: :other
end
IO.inspect(Enum.map([{:a, 1}, [1, 2], %{k: 3}, 4], &M.f/1))
# case: binary patterns
<<a, b::binary-size(2), rest::binary>> = "hello"
"he" <> tail = "hello"
IO.inspect({a, b, rest, tail})
# case: MatchError
try do
  {:a} = {:b}
rescue
  e -> IO.inspect(e)
end
