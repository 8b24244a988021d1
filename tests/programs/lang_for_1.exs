IO.inspect(for x <- [1, 2, 3], do: x * x)
IO.inspect(for x <- 1..3, y <- [:a, :b], do: {x, y})
IO.inspect(for x <- 1..10, rem(x, 2) == 0, x > 4, do: x)
IO.inspect(for {k, v} <- [a: 1, b: 2, c: 3], v != 2, do: {v, k})
IO.inspect(for {:ok, v} <- [{:ok, 1}, :error, {:ok, 2}, {:error, 3}, {:ok}], do: v)
IO.inspect(for x <- [1, 2, 3], into: %{}, do: {x, x * 10})
IO.inspect(for {k, v} <- %{a: 1, b: 2}, into: %{}, do: {v, k})
IO.inspect(for c <- ~c"hello", into: "", do: <<c - 32>>)
IO.inspect(for s <- ["a", "b", "c"], into: "", do: s <> s)
IO.inspect(for x <- [1, 1, 2, 3, 3, 3], uniq: true, do: x * 2)
IO.inspect(for x <- 1..5, reduce: 0 do
  acc -> acc + x
end)
IO.inspect(for x <- ~w(a bb ccc), reduce: %{} do
  acc -> Map.put(acc, x, String.length(x))
end)
IO.inspect(for x <- [1, 2, 3, 4], reduce: {0, 0} do
  {evens, odds} when rem(x, 2) == 0 -> {evens + x, odds}
  {evens, odds} -> {evens, odds + x}
end)
IO.inspect(for x <- 1..3, y <- x..3, do: {x, y})
IO.inspect(for x <- [], do: x)
IO.inspect(for x <- 1..4, y = x * x, y > 4, do: y)
IO.inspect(for i <- 1..3, into: [], do: i)
IO.inspect(for x <- [1, nil, 2, false, 3], x, do: x)
IO.inspect(for [a, b] <- [[1, 2], [3], [4, 5, 6], [7, 8]], do: a + b)
IO.inspect(for %{id: id} <- [%{id: 1}, %{name: 2}, %{id: 3, x: 0}], do: id)
IO.inspect(for x <- 10..1//-3, do: x)
IO.inspect(for {x, i} <- Enum.with_index([:a, :b, :c]), do: "#{i}:#{x}")
