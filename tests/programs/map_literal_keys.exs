# Map literals whose keys are constants (built from a shared literal key vector) and maps
# with computed keys: values are evaluated in source order, keys come out in map order.
x = 7
log = fn tag, v -> IO.puts("eval #{tag}") ; v end
m = %{"s" => log.(:s, 1), 2 => log.(:two, :two), 1.0 => log.(:f, x), :z => log.(:z, x), :a => log.(:a, x + 1)}
IO.inspect(m)
IO.inspect(Map.put(m, :q, 1))
IO.inspect(%{m | z: 0})
IO.inspect(Map.keys(m))
k = :b
IO.inspect(%{:c => 1, k => 2, :a => 3})
IO.inspect(%{a: 1, a: 2})
IO.inspect(1..x)
defmodule P do
  defstruct [:x, :y, z: 0]
  def new(x, y), do: %P{x: x, y: y}
end
IO.inspect(P.new(1, [2]))
IO.inspect(for i <- 1..3, do: %{i: i, sq: i * i})
