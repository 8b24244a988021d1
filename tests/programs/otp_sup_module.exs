# The module-based supervisor: use Supervisor, init/1 with Supervisor.init/2, child_spec/1,
# start_link with name:, a supervisor whose init returns :ignore, and a bad init return.
defmodule Kid do
  use Agent
  def start_link(v), do: Agent.start_link(fn -> v end, name: v)
end

defmodule MySup do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  def init(:ignore), do: :ignore
  def init(:bad), do: :bad
  def init(kids) do
    children = for k <- kids, do: Supervisor.child_spec({Kid, k}, id: k)
    Supervisor.init(children, strategy: :one_for_one, max_restarts: 5)
  end
end

defmodule Main do
  def run do
    IO.puts("child_spec: #{inspect(MySup.child_spec([:x]))}")
    IO.puts("init/2: #{inspect(Supervisor.init([{Kid, :k}], strategy: :one_for_all))}")
    {:ok, sup} = MySup.start_link([:k1, :k2])
    IO.puts("named: #{Process.whereis(MySup) == sup}")
    IO.puts("children: #{inspect(for {id, _, _, _} <- Supervisor.which_children(MySup), do: id)}")
    IO.puts("k1: #{Agent.get(:k1, & &1)}")
    IO.puts("already started: #{match?({:error, {:already_started, ^sup}}, MySup.start_link([]))}")
    Supervisor.stop(MySup)
    IO.puts(":ignore: #{inspect(MySup.start_link(:ignore))}")
    Process.flag(:trap_exit, true)
    r = MySup.start_link(:bad)
    IO.puts("bad init: #{inspect(r)}")

    # A supervisor as a child of another (use Supervisor gives type: :supervisor).
    {:ok, top} = Supervisor.start_link([{MySup, [:n1]}], strategy: :one_for_one)
    IO.puts("nested: #{inspect(Supervisor.which_children(top) |> Enum.map(fn {id, _, type, mods} -> {id, type, mods} end))}")
    IO.puts("nested counts: #{inspect(Supervisor.count_children(top))}")
    Supervisor.stop(top)
    IO.puts("inner stopped with outer: #{inspect(Process.whereis(MySup))}")
  end
end

Main.run()
