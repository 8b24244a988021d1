# keyword lists and tuples in pretty form
config = [
  name: "service",
  port: 8080,
  hosts: ["alpha.internal", "beta.internal", "gamma.internal"],
  pool: [size: 10, overflow: 5, strategy: :fifo],
  timeouts: %{connect: 5_000, read: 15_000, write: 15_000}
]
IO.inspect(config)
IO.inspect(config, width: 40)
IO.inspect({:reply, {:ok, config[:pool]}, %{state: :running, count: 1_000_000}})
IO.inspect([1.0, 2.5, -3.25, 1.0e10, 1.0e-10] |> List.duplicate(3))
IO.inspect(%{"string keys" => ["need", "arrows"], "and" => %{"nested" => true}})
IO.inspect(Enum.zip(~w(one two three four five six seven eight nine ten)a, 1..10))
IO.inspect(String.duplicate("x", 100))
IO.inspect([String.duplicate("y", 90)])
IO.inspect({String.duplicate("z", 40), String.duplicate("w", 40)})
