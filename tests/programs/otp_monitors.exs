# spawn_monitor, Process.monitor/demonitor (with :flush and :info), :DOWN messages,
# :noproc for a dead pid or unknown name, monitor of a registered name.
defmodule W do
  def flush do
    receive do
      m -> [m | flush()]
    after
      0 -> []
    end
  end
end

defmodule Main do
  def run do

    {pid, ref} = spawn_monitor(fn -> exit(:bye) end)
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.puts("spawn_monitor DOWN: #{inspect(reason)}")
    end
    IO.puts("ref: #{is_reference(ref)} pid: #{is_pid(pid)}")

    {pid, ref} = spawn_monitor(fn -> :ok end)
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.puts("normal DOWN: #{inspect(reason)}")
    end

    # Monitoring a dead pid: immediate :noproc.
    ref = Process.monitor(pid)
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.puts("dead pid DOWN: #{inspect(reason)}")
    end

    # Monitoring an unregistered name: :noproc, with {name, node} as the object.
    ref = Process.monitor(:no_such_name)
    receive do
      {:DOWN, ^ref, :process, obj, reason} -> IO.puts("unknown name DOWN: #{inspect(obj)} #{inspect(reason)}")
    end

    # Monitoring a registered name.
    p = spawn(fn ->
      receive do
        :stop -> exit(:stopped)
      end
    end)
    Process.register(p, :named)
    ref = Process.monitor(:named)
    send(:named, :stop)
    receive do
      {:DOWN, ^ref, :process, obj, reason} -> IO.puts("name DOWN: #{inspect(obj)} #{inspect(reason)}")
    end

    # Two monitors on the same process give two DOWN messages.
    p = spawn(fn ->
      receive do
        :stop -> :ok
      end
    end)
    r1 = Process.monitor(p)
    r2 = Process.monitor(p)
    IO.puts("distinct refs: #{r1 != r2}")
    {:monitored_by, by} = Process.info(p, :monitored_by)
    IO.puts("monitored_by self: #{Enum.count(by, &(&1 == self()))}")
    {:monitors, ms} = Process.info(self(), :monitors)
    IO.puts("self monitors p: #{Enum.count(ms, &(&1 == {:process, p}))}")
    send(p, :stop)
    Process.sleep(10)
    downs = W.flush()
    IO.puts("downs: #{length(downs)} #{Enum.all?(downs, &match?({:DOWN, _, :process, ^p, :normal}, &1))}")

    # demonitor before death: no message.
    p = spawn(fn ->
      receive do
        :stop -> :ok
      end
    end)
    ref = Process.monitor(p)
    IO.puts("demonitor: #{Process.demonitor(ref)}")
    send(p, :stop)
    Process.sleep(10)
    IO.puts("after demonitor: #{inspect(W.flush())}")

    # demonitor after death without :flush leaves the DOWN message; with :flush removes it.
    {p, ref} = spawn_monitor(fn -> :ok end)
    Process.sleep(10)
    Process.demonitor(ref)
    IO.puts("without flush: #{length(W.flush())}")
    {p, ref} = spawn_monitor(fn -> :ok end)
    Process.sleep(10)
    IO.puts("demonitor flush: #{Process.demonitor(ref, [:flush])}")
    IO.puts("with flush: #{inspect(W.flush())}")
    _ = p

    # demonitor with :info: true when the monitor was active, false when already fired.
    p = spawn(fn ->
      receive do
        :stop -> :ok
      end
    end)
    ref = Process.monitor(p)
    IO.puts("info active: #{Process.demonitor(ref, [:info])}")
    send(p, :stop)
    {_, ref} = spawn_monitor(fn -> :ok end)
    Process.sleep(10)
    IO.puts("info fired: #{Process.demonitor(ref, [:flush, :info])}")
    IO.puts("demonitor unknown ref: #{Process.demonitor(make_ref())}")

    # Killing a monitored process.
    p = spawn(fn ->
      receive do
        :never -> :ok
      end
    end)
    ref = Process.monitor(p)
    Process.exit(p, :kill)
    receive do
      {:DOWN, ^ref, :process, ^p, reason} -> IO.puts("kill DOWN: #{inspect(reason)}")
    end
  end
end

Main.run()
