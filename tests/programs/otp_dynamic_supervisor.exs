# DynamicSupervisor: start_child, which_children, count_children, terminate_child, restarts,
# temporary children, max_children, extra_arguments, stop.
defmodule Echo do
  use GenServer
  def start_link(tag), do: GenServer.start_link(__MODULE__, tag)
  def start_link(extra, tag), do: GenServer.start_link(__MODULE__, {extra, tag})
  def init(tag) do
    send(:main, {:started, tag})
    {:ok, tag}
  end
  def handle_call(:tag, _from, tag), do: {:reply, tag, tag}
end

defmodule T do
  def started do
    receive do
      {:started, tag} -> tag
    after
      100 -> :none
    end
  end
end

Process.register(self(), :main)
{:ok, sup} = DynamicSupervisor.start_link(strategy: :one_for_one, name: :dyn)
IO.puts("named: #{Process.whereis(:dyn) == sup}")
{:ok, a} = DynamicSupervisor.start_child(:dyn, {Echo, :a})
IO.puts("started #{inspect(T.started())}")
{:ok, b} = DynamicSupervisor.start_child(sup, %{id: :ignored, start: {Echo, :start_link, [:b]}, restart: :temporary})
IO.puts("started #{inspect(T.started())}")
IO.puts("which: #{inspect(DynamicSupervisor.which_children(sup) == [{:undefined, a, :worker, [Echo]}, {:undefined, b, :worker, [Echo]}])}")
IO.puts("count: #{inspect(DynamicSupervisor.count_children(sup))}")
ref = Process.monitor(a)
Process.exit(a, :kill)
receive do
  {:DOWN, ^ref, _, _, reason} -> IO.puts("a died: #{inspect(reason)}")
end
IO.puts("restarted #{inspect(T.started())}")
Process.exit(b, :kill)
IO.puts("temporary not restarted: #{inspect(T.started())}")
IO.puts("count: #{inspect(DynamicSupervisor.count_children(sup))}")
[{:undefined, a2, :worker, [Echo]}] = DynamicSupervisor.which_children(sup)
IO.puts("terminate: #{inspect(DynamicSupervisor.terminate_child(sup, a2))} #{Process.alive?(a2)}")
IO.puts("terminate again: #{inspect(DynamicSupervisor.terminate_child(sup, a2))}")
IO.puts("stop: #{inspect(DynamicSupervisor.stop(sup))}")

{:ok, sup2} = DynamicSupervisor.start_link(strategy: :one_for_one, max_children: 1, extra_arguments: [:extra])
{:ok, c} = DynamicSupervisor.start_child(sup2, {Echo, :c})
IO.puts("extra arguments: #{inspect(GenServer.call(c, :tag))} #{inspect(T.started())}")
IO.puts("max_children: #{inspect(DynamicSupervisor.start_child(sup2, {Echo, :d}))}")
