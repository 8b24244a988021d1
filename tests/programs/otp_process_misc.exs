# make_ref, Process.list, alive?, self, node, Process.get/put/delete (the process
# dictionary), Process.flag return values, spawn/3.
defmodule M do
  def idle do
    receive do
      :stop -> :ok
    end
  end

  def run do
    r1 = make_ref()
    r2 = make_ref()
    IO.puts("make_ref: #{is_reference(r1)} distinct=#{r1 != r2} equal_self=#{r1 == r1}")
    IO.puts("ref inspect prefix: #{String.starts_with?(inspect(r1), "#Reference<")}")
    IO.puts("node: #{inspect(node())}")
    IO.puts("node(self()): #{inspect(node(self()))}")
    IO.puts("self alive: #{Process.alive?(self())}")
    IO.puts("self in list: #{self() in Process.list()}")

    before = length(Process.list())
    ps = for _ <- 1..5, do: spawn(&idle/0)
    IO.puts("list grew by 5: #{length(Process.list()) - before}")
    IO.puts("all alive: #{Enum.all?(ps, &Process.alive?/1)}")
    IO.puts("all in list: #{Enum.all?(ps, &(&1 in Process.list()))}")
    Enum.each(ps, &send(&1, :stop))
    Process.sleep(10)
    IO.puts("none alive: #{Enum.any?(ps, &Process.alive?/1)}")
    IO.puts("list back: #{length(Process.list()) - before}")

    p = spawn(M, :idle, [])
    IO.puts("spawn/3: #{Process.alive?(p)}")
    send(p, :stop)

    # The process dictionary.
    IO.puts("get missing: #{inspect(Process.get(:a))}")
    IO.puts("get default: #{inspect(Process.get(:a, :dflt))}")
    IO.puts("put new: #{inspect(Process.put(:a, 1))}")
    IO.puts("put again: #{inspect(Process.put(:a, 2))}")
    IO.puts("get: #{inspect(Process.get(:a))}")
    Process.put({:complex, "key"}, [1, 2, 3])
    IO.puts("complex key: #{inspect(Process.get({:complex, "key"}))}")
    parent = self()
    spawn(fn ->
      Process.put(:x, 1)
      Process.put(:y, 2)
      Process.put(:z, 1)
      send(parent, {:keys, Enum.sort(Process.get_keys()), Enum.sort(Process.get_keys(1))})
    end)
    receive do
      {:keys, all, ones} -> IO.puts("get_keys: #{inspect(all)} #{inspect(ones)}")
    end
    IO.puts("get/0 has a: #{inspect(List.keyfind(Process.get(), :a, 0))}")
    IO.puts("delete: #{inspect(Process.delete(:a))}")
    IO.puts("delete missing: #{inspect(Process.delete(:a))}")
    IO.puts("after delete: #{inspect(Process.get(:a))}")

    # Dictionaries are per process.
    spawn(fn -> send(parent, {:child_dict, Process.get({:complex, "key"})}) end)
    receive do
      {:child_dict, v} -> IO.puts("child sees: #{inspect(v)}")
    end

    # Process.flag returns the old value.
    IO.puts("flag trap_exit old: #{Process.flag(:trap_exit, true)}")
    IO.puts("flag trap_exit old again: #{Process.flag(:trap_exit, false)}")

    # alive? on a dead process.
    dead = spawn(fn -> :ok end)
    Process.sleep(5)
    IO.puts("dead alive?: #{Process.alive?(dead)}")

    # Pids compare and print consistently.
    IO.puts("pid is_pid: #{is_pid(self())} #{is_pid(:not)}")
    IO.puts("pid inspect prefix: #{String.starts_with?(inspect(self()), "#PID<0.")}")
    IO.puts("pid to list roundtrip: #{:erlang.list_to_pid(:erlang.pid_to_list(self())) == self()}")
  end
end

M.run()
