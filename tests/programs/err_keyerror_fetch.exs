m = %{a: 1, b: 2}
IO.inspect(Map.fetch!(m, :a))
IO.inspect(Map.fetch!(m, :c))
