# restart: :permanent (always restarted), :transient (restarted only after an abnormal exit),
# :temporary (never restarted, removed from the children).
defmodule R do
  use GenServer
  def start_link({id, restart}), do: GenServer.start_link(__MODULE__, id, name: id)
  def child_spec({id, restart}), do: %{id: id, start: {__MODULE__, :start_link, [{id, restart}]}, restart: restart}
  def init(id) do
    send(:main, {:started, id})
    {:ok, id}
  end
  def handle_cast({:stop, reason}, s), do: {:stop, reason, s}
end

defmodule Main do
  def started do
    receive do
      {:started, id} -> [id | started()]
    after
      50 -> []
    end
  end

  def stop(id, reason) do
    GenServer.cast(id, {:stop, reason})
    Process.sleep(20)
    IO.puts("stop #{id} with #{inspect(reason)}: restarted #{inspect(started())}")
  end

  def ids(sup), do: sup |> Supervisor.which_children() |> Enum.map(fn {id, pid, _, _} -> {id, is_pid(pid)} end)

  def run do
    Process.register(self(), :main)
    # (The stops with reason :boom log error reports that print the same in both.)
    children = [{R, {:perm, :permanent}}, {R, {:trans, :transient}}, {R, {:temp, :temporary}}]
    {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one, max_restarts: 100)
    IO.puts("started: #{inspect(started())}")

    stop(:perm, :normal)
    stop(:perm, :shutdown)
    stop(:perm, :boom)
    stop(:trans, :normal)
    IO.puts("children: #{inspect(ids(sup))}")
    Supervisor.restart_child(sup, :trans)
    IO.puts("restart_child trans: #{inspect(started())}")
    stop(:trans, :shutdown)
    stop(:trans, {:shutdown, :x})
    Supervisor.restart_child(sup, :trans)
    started()
    stop(:trans, :boom)
    stop(:temp, :boom)
    IO.puts("children: #{inspect(ids(sup))}")
    IO.puts("count: #{inspect(Supervisor.count_children(sup))}")
  end
end

Main.run()
