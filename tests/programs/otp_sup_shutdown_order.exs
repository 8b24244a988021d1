# Children start in order and stop in reverse order (terminate/2 prints), on Supervisor.stop,
# on a one_for_all restart, and for nested supervisors; shutdown: :brutal_kill skips terminate,
# a timeout kills a child that will not stop.
defmodule Child do
  use GenServer
  def start_link({id, opts}), do: GenServer.start_link(__MODULE__, {id, opts})
  def child_spec({id, opts}), do: %{id: id, start: {__MODULE__, :start_link, [{id, opts}]}, shutdown: Keyword.get(opts, :shutdown, 5000)}

  def init({id, opts}) do
    Process.flag(:trap_exit, true)
    IO.puts("start #{id}")
    {:ok, {id, opts}}
  end

  def terminate(reason, {id, opts}) do
    if opts[:slow], do: Process.sleep(opts[:slow])
    IO.puts("terminate #{id} (#{inspect(reason)})")
  end
end

defmodule Main do
  def run do
    Process.flag(:trap_exit, true)
    children = for id <- [:a, :b, :c, :d], do: {Child, {id, []}}
    {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
    IO.puts("-- stop")
    Supervisor.stop(sup)

    IO.puts("-- one_for_all restart")
    {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_all)
    [{_, b, _, _}] = Enum.filter(Supervisor.which_children(sup), fn {id, _, _, _} -> id == :b end)
    Process.exit(b, :kill)
    Process.sleep(50)
    IO.puts("-- rest_for_one restart")
    Supervisor.stop(sup)
    {:ok, sup} = Supervisor.start_link(children, strategy: :rest_for_one)
    [{_, b, _, _}] = Enum.filter(Supervisor.which_children(sup), fn {id, _, _, _} -> id == :b end)
    Process.exit(b, :kill)
    Process.sleep(50)
    IO.puts("-- stop")
    Supervisor.stop(sup)

    IO.puts("-- nested")
    inner = %{id: :inner, type: :supervisor, start: {Supervisor, :start_link, [[{Child, {:i1, []}}, {Child, {:i2, []}}], [strategy: :one_for_one]]}}
    {:ok, sup} = Supervisor.start_link([{Child, {:o1, []}}, inner, {Child, {:o2, []}}], strategy: :one_for_one)
    IO.puts("-- stop")
    Supervisor.stop(sup)

    IO.puts("-- brutal_kill and shutdown timeout")
    kids = [{Child, {:polite, []}}, {Child, {:brutal, [shutdown: :brutal_kill]}}, {Child, {:slow, [shutdown: 100, slow: 1000]}}, {Child, {:quick, [shutdown: 500, slow: 10]}}]
    {:ok, sup} = Supervisor.start_link(kids, strategy: :one_for_one)
    IO.puts("-- stop")
    Supervisor.stop(sup)
    IO.puts("-- supervisor exits with the parent's reason")
    {:ok, sup} = Supervisor.start_link([{Child, {:x, []}}], strategy: :one_for_one)
    Process.exit(sup, :shutdown)
    receive do
      {:EXIT, ^sup, reason} -> IO.puts("supervisor exited: #{inspect(reason)}")
    end
  end
end

Main.run()
