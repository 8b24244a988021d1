# feature: Comprehensions (`for`)
# case: generators and filters
IO.inspect(for x <- 1..4, y <- [:a, :b], rem(x, 2) == 0, do: {x, y})
# case: pattern generators
IO.inspect(for {:ok, v} <- [{:ok, 1}, :error, {:ok, 2}], do: v)
# case: into and uniq
IO.inspect(for {k, v} <- [a: 1, b: 2], into: %{}, do: {v, k})
IO.inspect(for x <- [1, 1, 2], uniq: true, do: x)
IO.inspect(for c <- ~c"ab", into: "", do: <<c + 1>>)
# case: reduce
IO.inspect(for x <- 1..5, reduce: 0 do acc -> acc + x end)
# case: binary generator
IO.inspect(for <<r::8, g::8 <- <<1, 2, 3, 4>> >>, do: r + g)
IO.inspect(for <<c <- "abc">>, do: c)
