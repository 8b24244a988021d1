# A supervision tree: use Agent/Supervisor/Task child specs, a nested supervisor, a restart, stop.
defmodule Counter do
  use Agent
  def start_link(initial), do: Agent.start_link(fn -> initial end, name: __MODULE__)
  def value, do: Agent.get(__MODULE__, & &1)
  def inc, do: Agent.update(__MODULE__, &(&1 + 1))
end

defmodule Inner do
  use Supervisor
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  def init(_), do: Supervisor.init([{Counter, 10}], strategy: :one_for_one)
end

defmodule Runner do
  use Task
  def start_link(arg), do: Task.start_link(__MODULE__, :run, [arg])
  def run(arg), do: send(:main, {:ran, arg})
end

Process.register(self(), :main)
{:ok, top} = Supervisor.start_link([Inner, {Runner, :x}], strategy: :one_for_one)
receive do
  {:ran, a} -> IO.puts("task ran #{inspect(a)}")
end
Counter.inc()
IO.puts("counter #{Counter.value()}")
IO.puts(inspect(Enum.map(Supervisor.which_children(top), fn {id, _, type, mods} -> {id, type, mods} end)))
IO.puts(inspect(Supervisor.count_children(top)))
IO.puts(inspect(Inner.child_spec(:a)))
IO.puts(inspect(Runner.child_spec(:a)))
IO.puts(inspect(Counter.child_spec(:a)))
:logger.set_primary_config(:level, :none)
Process.exit(Process.whereis(Counter), :kill)
Process.sleep(10)
IO.puts("counter after restart #{Counter.value()}")
Supervisor.stop(top)
IO.puts("inner alive: #{inspect(Process.whereis(Inner))}")
