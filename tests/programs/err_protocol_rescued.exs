cases = [
  fn -> Enum.map(1, & &1) end,
  fn -> Enum.reduce(:atom, 0, &+/2) end,
  fn -> to_string({1, 2}) end,
  fn -> "map: #{%{a: 1}}" end,
  fn -> Enum.count(%{a: 1}) end,
  fn -> Enum.sum(nil) end,
  fn -> for x <- 5, do: x end
]
for f <- cases do
  try do
    IO.inspect(f.())
  rescue
    e in Protocol.UndefinedError ->
      IO.puts(Exception.message(e))
      IO.inspect({e.protocol, e.value})
  end
end
