# Restart intensity: a child crashing more than max_restarts times within max_seconds takes the
# supervisor down with :shutdown (seen by a trapping parent and by a monitor); crashes spread
# out in time do not.
defmodule Crashy do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: :crashy)
  def init(:ok) do
    send(:main, :crashy_started)
    {:ok, :ok}
  end
end

defmodule Main do
  def count_starts(n) do
    receive do
      :crashy_started -> count_starts(n + 1)
    after
      50 -> n
    end
  end

  def kill_child do
    case Process.whereis(:crashy) do
      nil -> :none
      pid -> Process.exit(pid, :kill)
    end
  end

  def run do
    Process.register(self(), :main)
    Process.flag(:trap_exit, true)

    # max_restarts: 2 — the third crash within 5 seconds is one too many.
    {:ok, sup} = Supervisor.start_link([Crashy], strategy: :one_for_one, max_restarts: 2, max_seconds: 5)
    ref = Process.monitor(sup)
    IO.puts("initial starts: #{count_starts(0)}")
    for i <- 1..2 do
      kill_child()
      IO.puts("crash #{i}: restarted #{count_starts(0)} time(s), supervisor alive: #{Process.alive?(sup)}")
    end
    kill_child()
    receive do
      {:EXIT, ^sup, reason} -> IO.puts("parent got EXIT: #{inspect(reason)}")
    end
    receive do
      {:DOWN, ^ref, :process, ^sup, reason} -> IO.puts("monitor got DOWN: #{inspect(reason)}")
    end
    IO.puts("child gone: #{inspect(Process.whereis(:crashy))}")
    IO.puts("starts after the last crash: #{count_starts(0)}")

    # max_restarts: 0 — the first crash stops the supervisor.
    {:ok, sup} = Supervisor.start_link([Crashy], strategy: :one_for_one, max_restarts: 0)
    count_starts(0)
    kill_child()
    receive do
      {:EXIT, ^sup, reason} -> IO.puts("max_restarts 0: #{inspect(reason)}")
    end

    # Crashes further apart than max_seconds are forgiven.
    {:ok, sup} = Supervisor.start_link([Crashy], strategy: :one_for_one, max_restarts: 1, max_seconds: 1)
    count_starts(0)
    for i <- 1..4 do
      kill_child()
      Process.sleep(2100)
      IO.puts("spaced crash #{i}: restarted #{count_starts(0)}, alive #{Process.alive?(sup)}")
    end
    Supervisor.stop(sup)
    receive do
      {:EXIT, ^sup, reason} -> IO.puts("stopped: #{inspect(reason)}")
    end
  end
end

Main.run()
