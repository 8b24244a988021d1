# feature: Lazy enumeration: Stream
# case: infinite streams taken lazily
IO.inspect(Stream.iterate(1, &(&1 * 2)) |> Stream.map(&(&1 + 1)) |> Enum.take(5))
IO.inspect(Stream.cycle([:a, :b]) |> Stream.with_index() |> Enum.take(3))
# case: laziness order
Stream.map([1, 2], &IO.inspect({:map, &1})) |> Stream.filter(&IO.inspect({:filter, &1})) |> Stream.run()
# case: Stream.resource and unfold
IO.inspect(Stream.unfold(3, fn 0 -> nil; n -> {n, n - 1} end) |> Enum.to_list())
IO.inspect(Stream.resource(fn -> 0 end, fn 3 -> {:halt, 3}; n -> {[n], n + 1} end, fn _ -> :ok end) |> Enum.to_list())
# case: chunking and zipping
IO.inspect({Stream.chunk_every(1..5, 2) |> Enum.to_list(), Stream.zip(1..3, [:a, :b]) |> Enum.to_list()})
