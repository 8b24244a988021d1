# Supervisor strategies :one_for_one, :one_for_all and :rest_for_one: which children are
# restarted (new pids) when one crashes; the others keep their pids.
defmodule Worker do
  use GenServer

  def start_link(id), do: GenServer.start_link(__MODULE__, id, name: id)
  def init(id) do
    send(:main, {:started, id})
    {:ok, id}
  end
end

defmodule Main do
  def started do
    receive do
      {:started, id} -> [id | started()]
    after
      50 -> []
    end
  end

  def pids, do: Enum.map([:a, :b, :c], &Process.whereis/1)

  def check(strategy, victim) do
    children = for id <- [:a, :b, :c], do: Supervisor.child_spec({Worker, id}, id: id)
    {:ok, sup} = Supervisor.start_link(children, strategy: strategy)
    IO.puts("#{strategy}: started #{inspect(started())}")
    before = pids()
    Process.exit(Process.whereis(victim), :kill)
    restarted = started()
    now = pids()
    changed = for {id, b, n} <- Enum.zip([[:a, :b, :c], before, now]), b != n, do: id
    IO.puts("#{strategy}: kill #{victim} -> restarted #{inspect(restarted)}, new pids for #{inspect(changed)}")
    IO.puts("#{strategy}: all alive #{Enum.all?(now, &Process.alive?/1)}")
    Supervisor.stop(sup)
  end

  def run do
    Process.register(self(), :main)
    for s <- [:one_for_one, :one_for_all, :rest_for_one], v <- [:a, :b, :c], do: check(s, v)
  end
end

Main.run()
