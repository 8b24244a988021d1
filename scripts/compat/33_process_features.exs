# feature: Process utilities: registration, dictionary, timers, deep recursion
# case: register and whereis
Process.register(self(), :me)
send(:me, :hi)
receive do :hi -> IO.inspect(Process.whereis(:me) == self()) end
# case: process dictionary
Process.put(:k, 1)
IO.inspect({Process.get(:k), Process.delete(:k), Process.get(:k, :default)})
# case: send_after
Process.send_after(self(), :tick, 10)
receive do :tick -> IO.puts("tick") end
# case: deep non-tail recursion
defmodule Deep do
  def len([]), do: 0
  def len([_ | t]), do: 1 + len(t)
end
IO.inspect(Deep.len(Enum.to_list(1..1_000_000)))
