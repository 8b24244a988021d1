# Supervisor: child specs, strategies, restart values, which_children/count_children,
# terminate_child/restart_child/delete_child/start_child, max restarts, use Supervisor.
defmodule L do
  def map([], _f), do: []
  def map([h | t], f), do: [f.(h) | map(t, f)]
end

defmodule Worker do
  use GenServer

  def start_link(name), do: GenServer.start_link(__MODULE__, name, name: name)
  def init(name) do
    send(:main, {:started, name})
    {:ok, name}
  end
  def handle_call(:ping, _from, name), do: {:reply, {:pong, name}, name}
end

defmodule Temp do
  def start_link(name) do
    pid = spawn_link(fn -> receive do :stop -> :ok end end)
    Process.register(pid, name)
    send(:main, {:started, name})
    {:ok, pid}
  end
end

defmodule MySup do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: :my_sup)

  def init(strategy) do
    children = [
      Supervisor.child_spec({Worker, :w1}, id: :w1),
      Supervisor.child_spec({Worker, :w2}, id: :w2),
      Supervisor.child_spec({Worker, :w3}, id: :w3)
    ]

    Supervisor.init(children, strategy: strategy)
  end
end

defmodule T do
  def drain(acc \\ []) do
    receive do
      {:started, name} -> drain([name | acc])
    after
      50 -> :lists.reverse(acc)
    end
  end

  def ids(sup), do: L.map(Supervisor.which_children(sup), fn {id, pid, type, mods} -> {id, is_pid(pid), type, mods} end)

  def crash(name) do
    pid = Process.whereis(name)
    ref = Process.monitor(pid)
    Process.exit(pid, :kill)
    receive do
      {:DOWN, ^ref, _, _, _} -> :ok
    end
    Process.sleep(10)
  end
end

Process.register(self(), :main)

children = [
  {Worker, :a},
  %{id: :b, start: {Worker, :start_link, [:b]}, restart: :temporary},
  Supervisor.child_spec({Worker, :c}, id: :c),
  %{id: :t, start: {Temp, :start_link, [:t]}, restart: :transient}
]

{:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
IO.puts("started: #{inspect(T.drain())}")
IO.puts("children: #{inspect(T.ids(sup))}")
IO.puts("count: #{inspect(Supervisor.count_children(sup))}")
IO.puts("child spec: #{inspect(Supervisor.child_spec({Worker, :x}, restart: :transient))}")
IO.puts("worker child_spec: #{inspect(Worker.child_spec(:y))}")

T.crash(:a)
IO.puts("after crash of :a: #{inspect(T.drain())}")
send(:t, :stop)
Process.sleep(10)
IO.puts("transient exited normally: #{inspect(T.drain())} #{inspect(T.ids(sup))}")
T.crash(:b)
IO.puts("temporary crashed: #{inspect(T.drain())} #{inspect(T.ids(sup))}")

IO.puts("terminate_child :c: #{inspect(Supervisor.terminate_child(sup, :c))}")
IO.puts("children: #{inspect(T.ids(sup))}")
{:ok, pid_c} = Supervisor.restart_child(sup, :c)
IO.puts("restart_child :c: #{is_pid(pid_c)} #{inspect(T.drain())}")
IO.puts("restart running: #{inspect(Supervisor.restart_child(sup, :c))}")
IO.puts("restart unknown: #{inspect(Supervisor.restart_child(sup, :zz))}")
IO.puts("terminate unknown: #{inspect(Supervisor.terminate_child(sup, :zz))}")
IO.puts("delete running: #{inspect(Supervisor.delete_child(sup, :c))}")
Supervisor.terminate_child(sup, :c)
IO.puts("delete stopped: #{inspect(Supervisor.delete_child(sup, :c))}")
{:ok, _} = Supervisor.start_child(sup, Supervisor.child_spec({Worker, :d}, id: :d))
IO.puts("start_child: #{inspect(T.drain())} #{inspect(T.ids(sup))}")
IO.puts("start_child dup: #{inspect(elem(Supervisor.start_child(sup, Supervisor.child_spec({Worker, :d}, id: :d)), 0))}")
IO.puts("count: #{inspect(Supervisor.count_children(sup))}")
IO.puts("stop: #{inspect(Supervisor.stop(sup))}")
IO.puts("workers gone: #{inspect(L.map([:a, :d], &Process.whereis/1))}")

L.map([:one_for_all, :rest_for_one], fn strategy ->
  {:ok, _sup} = MySup.start_link(strategy)
  IO.puts("#{strategy} started: #{inspect(T.drain())}")
  T.crash(:w2)
  IO.puts("#{strategy} after crash of :w2: #{inspect(T.drain())}")
  IO.puts("#{strategy} ping: #{inspect(GenServer.call(:w1, :ping))}")
  Supervisor.stop(:my_sup)
end)

Process.flag(:trap_exit, true)
{:ok, sup} = Supervisor.start_link([{Worker, :m}], strategy: :one_for_one, max_restarts: 2, max_seconds: 5)
T.drain()
T.crash(:m)
T.crash(:m)
IO.puts("two restarts: #{inspect(T.drain())} alive=#{Process.alive?(sup)}")
T.crash(:m)
receive do
  {:EXIT, ^sup, reason} -> IO.puts("supervisor exited: #{inspect(reason)}")
after
  1000 -> IO.puts("supervisor still alive")
end
