# Child spec forms: a module, {module, arg}, a map, Supervisor.child_spec/2 overrides,
# use GenServer/Agent/Task options (restart:, shutdown:, id:), and invalid specs.
defmodule W do
  use GenServer, restart: :transient, shutdown: 1000
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)
  def init(arg), do: {:ok, arg}
end

defmodule Plain do
  def start_link(arg), do: Agent.start_link(fn -> arg end)
end

defmodule Main do
  def run do
    IO.puts("W.child_spec: #{inspect(W.child_spec(:x))}")
    IO.puts("child_spec(W): #{inspect(Supervisor.child_spec(W, []))}")
    IO.puts("child_spec({W, 1}): #{inspect(Supervisor.child_spec({W, 1}, []))}")
    IO.puts("child_spec override: #{inspect(Supervisor.child_spec({W, 1}, id: :other, restart: :temporary))}")
    IO.puts("map: #{inspect(Supervisor.child_spec(%{id: :m, start: {Plain, :start_link, [1]}}, shutdown: :brutal_kill))}")
    IO.puts("Agent.child_spec: #{inspect(Agent.child_spec(fn -> 1 end) |> Map.delete(:start))}")
    IO.puts("Task.child_spec: #{inspect(Task.child_spec(fn -> 1 end) |> Map.delete(:start))}")

    children = [
      W,
      Supervisor.child_spec({W, :with_arg}, id: :w2),
      %{id: :map_child, start: {Plain, :start_link, [:map_arg]}},
      Supervisor.child_spec({W, :dup}, id: :second_w)
    ]
    {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
    ids = sup |> Supervisor.which_children() |> Enum.map(fn {id, _, type, mods} -> {id, type, mods} end)
    IO.puts("which_children: #{inspect(ids)}")
    IO.puts("count: #{inspect(Supervisor.count_children(sup))}")
    Supervisor.stop(sup)

    # Duplicate ids are rejected.
    Process.flag(:trap_exit, true)
    r = Supervisor.start_link([{W, 1}, {W, 2}], strategy: :one_for_one)
    IO.puts("duplicate ids: #{inspect(r)}")

    # Invalid child specs raise.
    try do
      Supervisor.start_link([:not_a_module_really], strategy: :one_for_one)
    rescue
      e -> IO.puts("invalid spec: #{inspect(e.__struct__)}")
    end
    try do
      Supervisor.child_spec(%{start: {W, :start_link, []}}, [])
    rescue
      e -> IO.puts("missing id: #{Exception.message(e)}")
    end

    # A child whose start fails makes start_link fail.
    r = Supervisor.start_link([%{id: :bad, start: {Kernel, :apply, [fn -> {:error, :nope} end, []]}}], strategy: :one_for_one)
    IO.puts("failing child: #{inspect(r)}")
    r = Supervisor.start_link([%{id: :ign, start: {Kernel, :apply, [fn -> :ignore end, []]}}], strategy: :one_for_one)
    IO.puts("ignoring child: #{match?({:ok, _}, r)}")
    {:ok, s} = r
    IO.puts("ignored child listed: #{inspect(Supervisor.which_children(s))}")
  end
end

Main.run()
