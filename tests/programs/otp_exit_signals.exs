# Process.exit/2 with :normal, :kill and other reasons, against trapping and
# non-trapping processes, and exit/1 of the caller itself.
defmodule W do
  def loop(parent) do
    receive do
      msg ->
        send(parent, {:got, msg})
        loop(parent)
    end
  end

  def down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    after
      100 -> :still_alive
    end
  end
end

parent = self()

# Not trapping: :normal is ignored.
p = spawn(fn -> W.loop(parent) end)
r = Process.monitor(p)
IO.puts("exit :normal -> #{Process.exit(p, :normal)}")
IO.puts("after :normal: #{inspect(W.down(r))}")

# Not trapping: another reason kills it with that reason.
IO.puts("exit :shutdown -> #{Process.exit(p, :shutdown)}")
IO.puts("after :shutdown: #{inspect(W.down(r))}")

# Not trapping: :kill -> :killed.
p = spawn(fn -> W.loop(parent) end)
r = Process.monitor(p)
Process.exit(p, :kill)
IO.puts("after :kill: #{inspect(W.down(r))}")

# Trapping: signals become messages, even :normal.
p = spawn(fn ->
  Process.flag(:trap_exit, true)
  send(parent, :ready)
  W.loop(parent)
end)
receive do
  :ready -> :ok
end
r = Process.monitor(p)
Process.exit(p, :normal)
Process.exit(p, :other)
Process.exit(p, {:complex, [1, 2]})
for _ <- 1..3 do
  receive do
    {:got, {:EXIT, from, reason}} -> IO.puts("trapped: from_self=#{from == self()} #{inspect(reason)}")
  end
end

# Trapping does not stop :kill; the reason is :killed.
Process.exit(p, :kill)
IO.puts("trapping then :kill: #{inspect(W.down(r))}")

# A process sending itself an exit :normal while not trapping exits with :normal
# (Process.exit(self(), :normal) kills the caller in Erlang).
p = spawn(fn ->
  Process.exit(self(), :normal)
  send(parent, :not_reached)
end)
r = Process.monitor(p)
IO.puts("self exit normal: #{inspect(W.down(r))}")

# exit/1 with various reasons, seen through monitors.
for reason <- [:normal, :shutdown, {:shutdown, 1}, "string", 42] do
  {_p, r} = spawn_monitor(fn -> exit(reason) end)
  IO.puts("exit(#{inspect(reason)}): #{inspect(W.down(r))}")
end

# raise and throw, seen through monitors (no stack in the reason's shape check).
{_p, r} = spawn_monitor(fn -> :erlang.error(:badarg_test) end)
receive do
  {:DOWN, ^r, :process, _, {reason, stack}} ->
    # Let the crash report print first.
    Process.sleep(50)
    IO.puts("error: #{inspect(reason)} stack_is_list=#{is_list(stack)}")
end

# Process.exit on a dead pid returns true.
dead = spawn(fn -> :ok end)
Process.sleep(10)
IO.puts("exit dead pid: #{Process.exit(dead, :kill)}")

# catch :exit of exit/1 in the same process.
IO.puts("caught: #{inspect(catch_exit = (try do
  exit(:my_reason)
catch
  :exit, r -> {:caught, r}
end))}")
_ = catch_exit
