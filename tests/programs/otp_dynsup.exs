# DynamicSupervisor: start_child/2, terminate_child/2 (by pid), which_children/1,
# count_children/1, max_children, restart values, extra_arguments, a crash-restart.
defmodule Job do
  use GenServer, restart: :transient
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)
  def init(arg), do: {:ok, arg}
  def handle_call(:arg, _f, s), do: {:reply, s, s}
  def handle_cast(:done, s), do: {:stop, :normal, s}
end

defmodule Main do
  def show(sup) do
    kids = for {id, pid, type, mods} <- DynamicSupervisor.which_children(sup), do: {id, is_pid(pid), type, mods}
    IO.puts("  children: #{inspect(kids)} counts: #{inspect(DynamicSupervisor.count_children(sup))}")
  end

  def run do
    {:ok, sup} = DynamicSupervisor.start_link(strategy: :one_for_one, max_children: 3, name: :dyn)
    show(sup)
    {:ok, a} = DynamicSupervisor.start_child(:dyn, {Job, :a})
    {:ok, b} = DynamicSupervisor.start_child(:dyn, {Job, :b})
    {:ok, c} = DynamicSupervisor.start_child(:dyn, %{id: :ignored_id, start: {Job, :start_link, [:c]}, restart: :temporary})
    IO.puts("args: #{inspect(Enum.map([a, b, c], &GenServer.call(&1, :arg)))}")
    IO.puts("max_children: #{inspect(DynamicSupervisor.start_child(:dyn, {Job, :d}))}")
    show(sup)

    IO.puts("terminate_child: #{inspect(DynamicSupervisor.terminate_child(:dyn, b))}")
    IO.puts("terminate_child again: #{inspect(DynamicSupervisor.terminate_child(:dyn, b))}")
    show(sup)

    # transient: a normal exit is not restarted.
    GenServer.cast(a, :done)
    Process.sleep(20)
    show(sup)

    # temporary: a kill is not restarted either.
    Process.exit(c, :kill)
    Process.sleep(20)
    show(sup)

    # A permanent child is restarted after a crash, with a new pid.
    {:ok, p} = DynamicSupervisor.start_child(:dyn, Supervisor.child_spec({Job, :p}, restart: :permanent))
    Process.exit(p, :kill)
    Process.sleep(20)
    [{_, p2, _, _}] = DynamicSupervisor.which_children(:dyn)
    IO.puts("restarted with a new pid: #{p2 != p}, arg #{inspect(GenServer.call(p2, :arg))}")

    # extra_arguments are prepended to the child's start arguments.
    {:ok, sup2} = DynamicSupervisor.start_link(strategy: :one_for_one, extra_arguments: [:extra])
    {:ok, e} = DynamicSupervisor.start_child(sup2, %{id: :x, start: {Main, :agent, [:arg]}})
    IO.puts("extra_arguments: #{inspect(Agent.get(e, & &1))}")
    IO.puts("start_child with a failing start: #{inspect(DynamicSupervisor.start_child(sup2, %{id: :y, start: {Main, :fail, []}}))}")
    IO.puts("stop: #{inspect(DynamicSupervisor.stop(:dyn))}")
    IO.puts("alive: #{Process.alive?(sup)}")
  end

  def fail(:extra), do: {:error, :failed_with_extra}
  def agent(extra, arg), do: Agent.start_link(fn -> {extra, arg} end)
end

Main.run()
