# which_children, count_children, terminate_child, restart_child, delete_child, start_child
# and their error returns.
defmodule W do
  use GenServer
  def start_link(id), do: GenServer.start_link(__MODULE__, id)
  def init(id), do: {:ok, id}
  def handle_call(:id, _f, id), do: {:reply, id, id}
end

defmodule Main do
  def fail(reason), do: {:error, reason}
  def ignore, do: :ignore

  def show(sup) do
    list = for {id, pid, type, mods} <- Supervisor.which_children(sup), do: {id, if(is_pid(pid), do: :pid, else: pid), type, mods}
    IO.puts("  which_children: #{inspect(list)}")
    IO.puts("  count_children: #{inspect(Supervisor.count_children(sup))}")
  end

  def run do
    {:ok, sup} = Supervisor.start_link([Supervisor.child_spec({W, 1}, id: :one)], strategy: :one_for_one)
    show(sup)

    {:ok, p2} = Supervisor.start_child(sup, Supervisor.child_spec({W, 2}, id: :two))
    IO.puts("start_child: #{GenServer.call(p2, :id)}")
    IO.puts("start_child same id: #{inspect(Supervisor.start_child(sup, Supervisor.child_spec({W, 2}, id: :two)) |> elem(1) |> elem(0))}")
    {:ok, p3} = Supervisor.start_child(sup, %{id: :three, start: {W, :start_link, [3]}, restart: :temporary})
    IO.puts("start_child map: #{GenServer.call(p3, :id)}")
    r = Supervisor.start_child(sup, %{id: :bad, start: {Main, :fail, [:nope]}})
    IO.puts("start_child failing: #{inspect(r)}")
    r = Supervisor.start_child(sup, %{id: :ign, start: {Main, :ignore, []}})
    IO.puts("start_child ignore: #{inspect(r)}")
    show(sup)

    IO.puts("terminate_child :two: #{inspect(Supervisor.terminate_child(sup, :two))}")
    IO.puts("p2 alive: #{Process.alive?(p2)}")
    IO.puts("terminate_child unknown: #{inspect(Supervisor.terminate_child(sup, :nope))}")
    show(sup)
    {:ok, p2b} = Supervisor.restart_child(sup, :two)
    IO.puts("restart_child :two: new pid #{p2b != p2}, id #{GenServer.call(p2b, :id)}")
    IO.puts("restart_child running: #{inspect(Supervisor.restart_child(sup, :two))}")
    IO.puts("restart_child unknown: #{inspect(Supervisor.restart_child(sup, :nope))}")
    IO.puts("delete_child running: #{inspect(Supervisor.delete_child(sup, :two))}")
    Supervisor.terminate_child(sup, :two)
    IO.puts("delete_child stopped: #{inspect(Supervisor.delete_child(sup, :two))}")
    IO.puts("delete_child unknown: #{inspect(Supervisor.delete_child(sup, :two))}")

    # A temporary child is removed when terminated.
    IO.puts("terminate temporary: #{inspect(Supervisor.terminate_child(sup, :three))}")
    IO.puts("restart temporary: #{inspect(Supervisor.restart_child(sup, :three))}")
    show(sup)

    # terminate_child by pid (only for DynamicSupervisor in Elixir; Supervisor wants an id).
    {:one, p1, _, _} = List.keyfind(Supervisor.which_children(sup), :one, 0)
    IO.puts("terminate_child by pid: #{inspect(Supervisor.terminate_child(sup, p1))}")

    # A nested supervisor shows as :supervisor.
    {:ok, _} = Supervisor.start_child(sup, %{id: :nested, start: {Supervisor, :start_link, [[], [strategy: :one_for_one]]}, type: :supervisor})
    show(sup)
    IO.puts("stop: #{inspect(Supervisor.stop(sup))}")
  end
end

Main.run()
