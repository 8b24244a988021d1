defmodule C do
  def describe(x) do
    case x do
      {:ok, v} when is_integer(v) and v > 100 -> "big ok #{v}"
      {:ok, v} -> "ok #{inspect(v)}"
      {:error, reason} -> "error: #{reason}"
      [] -> "empty list"
      [h | _] when is_atom(h) -> "atom-headed list"
      [_, _] -> "pair list"
      %{name: name} -> "named #{name}"
      n when n in [1, 2, 3] -> "small #{n}"
      "" <> s when byte_size(s) > 3 -> "long string"
      _ -> "something else"
    end
  end

  def nested(x) do
    case x do
      {a, b} ->
        case a + b do
          0 -> :zero_sum
          s when s > 0 -> {:pos, s}
          s -> {:neg, s}
        end
      _ ->
        :not_pair
    end
  end
end

for v <- [{:ok, 500}, {:ok, "x"}, {:error, :timeout}, [], [:a, 1], [1, 2], %{name: "Zed", age: 3}, 2, "hello", "hi", 4.5] do
  IO.puts(C.describe(v))
end

IO.inspect(C.nested({1, -1}))
IO.inspect(C.nested({1, 2}))
IO.inspect(C.nested({-5, 2}))
IO.inspect(C.nested(:x))

x = 5
r = case 5 do
  ^x -> :pinned_match
  _ -> :no
end
IO.inspect(r)

r2 = case {1, 2} do
  {a, a} -> :same
  {a, b} -> {:diff, a + b}
end
IO.inspect(r2)

# case value used in pipeline, with variable bound inside
val = case :rand.uniform(1) do
  1 -> y = 10; y * 2
end
IO.inspect(val)
