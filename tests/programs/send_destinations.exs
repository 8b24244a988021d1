# send/2 compiles to the Send instruction: every kind of destination, its value, and the
# error of an invalid one.
defmodule SendTo do
  def to(dest, msg), do: send(dest, msg)

  def drain(acc) do
    receive do
      m -> drain([m | acc])
    after
      0 -> Enum.reverse(acc)
    end
  end
end

IO.inspect(SendTo.to(self(), {:pid, 1}))
Process.register(self(), :me)
IO.inspect(SendTo.to(:me, {:name, 2}))
IO.inspect(SendTo.to({:me, node()}, {:name_node, 3}))
IO.inspect(SendTo.to({:nobody, node()}, {:dropped, 4}))
IO.inspect(SendTo.to({:me, :elsewhere@nohost}, {:unreachable, 5}))
x = send(self(), [6 | [7]])
IO.inspect(x)
IO.inspect(SendTo.drain([]))

for dest <- [:nobody, "me", {:a, :b, :c}, 42, {"me", node()}] do
  try do
    SendTo.to(dest, :hi)
  rescue
    e in ArgumentError -> IO.puts("#{inspect(dest)}: #{Exception.message(e)}")
  end
end

child = spawn(fn -> receive do {from, n} -> send(from, {:reply, n * 2}) end end)
send(child, {self(), 21})
receive do
  {:reply, n} -> IO.inspect(n)
end
