# feature: Processes: spawn, send, receive/after, links, monitors
# case: send and receive
pid = spawn(fn -> receive do {from, x} -> send(from, {:got, x}) end end)
send(pid, {self(), 42})
receive do {:got, v} -> IO.inspect(v) after 1000 -> IO.puts("timeout") end
# case: receive after
receive do :never -> :ok after 10 -> IO.puts("timed out") end
# case: one-line receive
send(self(), :go)
receive do: (:go -> IO.puts("went"))
# case: monitor
pid = spawn(fn -> receive do :stop -> exit(:boom) end end)
ref = Process.monitor(pid)
send(pid, :stop)
receive do {:DOWN, ^ref, :process, _, reason} -> IO.inspect(reason) end
# case: trap_exit link
Process.flag(:trap_exit, true)
pid = spawn_link(fn -> exit(:bad) end)
receive do {:EXIT, ^pid, r} -> IO.inspect(r) end
