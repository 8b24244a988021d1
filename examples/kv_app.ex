# A small supervised application: a key-value store and a pool of workers under one top
# supervisor. The script drives it, crashes a worker and the KV server on purpose, and shows the
# supervisor bringing each one back (a new pid, state reinitialised or recovered).
#
#   retort run examples/kv_app.ex            (also: --virtual-time, or `elixir examples/kv_app.ex`)
#
#   KVApp.Supervisor (one_for_one)
#   ├── KVApp.Backup   an Agent keeping the last snapshot of the store
#   ├── KVApp.Store    a GenServer: the key-value store (restores the backup in init/1)
#   └── KVApp.Pool     a DynamicSupervisor with the workers
#       └── KVApp.Worker × 3   GenServers that compute and write results into the store

defmodule KVApp.Backup do
  use Agent

  def start_link(_), do: Agent.start_link(fn -> %{} end, name: __MODULE__)
  def save(map), do: Agent.update(__MODULE__, fn _ -> map end)
  def load, do: Agent.get(__MODULE__, & &1)
end

defmodule KVApp.Store do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  def put(key, value), do: GenServer.call(__MODULE__, {:put, key, value})
  def get(key), do: GenServer.call(__MODULE__, {:get, key})
  def keys, do: GenServer.call(__MODULE__, :keys)

  @impl true
  def init(:ok) do
    data = KVApp.Backup.load()
    IO.puts("  [store] starting with #{map_size(data)} key(s) from the backup")
    {:ok, data}
  end

  @impl true
  def handle_call({:put, key, value}, _from, data) do
    data = Map.put(data, key, value)
    KVApp.Backup.save(data)
    {:reply, :ok, data}
  end

  def handle_call({:get, key}, _from, data), do: {:reply, Map.get(data, key), data}
  def handle_call(:keys, _from, data), do: {:reply, data |> Map.keys() |> Enum.sort(), data}
end

defmodule KVApp.Worker do
  use GenServer

  def start_link(id), do: GenServer.start_link(__MODULE__, id)

  # Squares n, stores the result under {:square, n} and counts the jobs done since (re)start.
  def square(pid, n), do: GenServer.call(pid, {:square, n})
  def jobs(pid), do: GenServer.call(pid, :jobs)

  @impl true
  def init(id) do
    IO.puts("  [worker #{id}] starting")
    {:ok, %{id: id, jobs: 0}}
  end

  @impl true
  def handle_call({:square, n}, _from, s) do
    :ok = KVApp.Store.put({:square, n}, n * n)
    {:reply, n * n, %{s | jobs: s.jobs + 1}}
  end

  def handle_call(:jobs, _from, s), do: {:reply, s.jobs, s}
end

defmodule KVApp.Pool do
  def child_spec(_) do
    %{id: __MODULE__, type: :supervisor, start: {DynamicSupervisor, :start_link, [[strategy: :one_for_one, name: __MODULE__]]}}
  end

  def add_worker(id), do: DynamicSupervisor.start_child(__MODULE__, {KVApp.Worker, id})

  def workers do
    for {_, pid, :worker, _} <- DynamicSupervisor.which_children(__MODULE__), do: pid
  end
end

defmodule KVApp.Supervisor do
  use Supervisor

  def start_link, do: Supervisor.start_link(__MODULE__, :ok, name: __MODULE__)

  @impl true
  def init(:ok) do
    Supervisor.init([KVApp.Backup, KVApp.Store, KVApp.Pool], strategy: :one_for_one)
  end
end

defmodule KVApp.Demo do
  def run do
    IO.puts("== starting the application")
    {:ok, _} = KVApp.Supervisor.start_link()
    for id <- 1..3, do: {:ok, _} = KVApp.Pool.add_worker(id)
    counts = Supervisor.count_children(KVApp.Supervisor)
    IO.puts("top supervisor: #{counts.specs} children (#{counts.supervisors} supervisor), pool: #{length(KVApp.Pool.workers())} workers")

    IO.puts("\n== the workers square 1..6 and store the results")
    workers = KVApp.Pool.workers()
    results = for {n, w} <- Enum.zip(1..6, Stream.cycle(workers)), do: KVApp.Worker.square(w, n)
    IO.puts("results: #{inspect(results)}")
    IO.puts("jobs per worker: #{inspect(Enum.map(workers, &KVApp.Worker.jobs/1))}")
    IO.puts("store keys: #{inspect(KVApp.Store.keys())}")

    IO.puts("\n== crashing a worker (Process.exit(pid, :kill))")
    victim = hd(workers)
    ref = Process.monitor(victim)
    Process.exit(victim, :kill)
    receive do
      {:DOWN, ^ref, :process, _, reason} ->
        # Give the pool a moment to restart it (its start line prints first).
        Process.sleep(50)
        IO.puts("the worker died: #{inspect(reason)}")
    end
    now = KVApp.Pool.workers()
    replaced = Enum.reject(now, &(&1 in workers))
    IO.puts("pool has #{length(now)} workers again; new pid: #{length(replaced) == 1 and not Process.alive?(victim)}")
    IO.puts("jobs per worker: #{inspect(Enum.map(now, &KVApp.Worker.jobs/1))} (the new worker starts from zero)")
    IO.puts("the store kept its data: square of 5 = #{KVApp.Store.get({:square, 5})}")

    IO.puts("\n== crashing the KV store (Process.exit(pid, :kill))")
    store = Process.whereis(KVApp.Store)
    ref = Process.monitor(store)
    # (A kill, so no error report: OTP does not log those.)
    Process.exit(store, :kill)
    receive do
      {:DOWN, ^ref, :process, _, reason} ->
        Process.sleep(50)
        IO.puts("the store died: #{inspect(reason)}")
    end
    new_store = Process.whereis(KVApp.Store)
    IO.puts("restarted under the same name with a new pid: #{is_pid(new_store) and new_store != store}")
    IO.puts("state recovered from the backup: #{inspect(KVApp.Store.keys())}")
    IO.puts("the workers still work: square of 7 = #{KVApp.Worker.square(hd(KVApp.Pool.workers()), 7)}")

    IO.puts("\n== a call to a process that is gone exits with :noproc")
    try do
      GenServer.call(store, {:get, :x})
    catch
      :exit, {reason, {GenServer, :call, _}} -> IO.puts("old store pid: #{inspect(reason)}")
    end

    IO.puts("\n== stopping the application")
    :ok = Supervisor.stop(KVApp.Supervisor)
    IO.puts("all gone: #{Enum.all?([KVApp.Supervisor, KVApp.Store, KVApp.Pool, KVApp.Backup], &(Process.whereis(&1) == nil))}")
  end
end

KVApp.Demo.run()
