defmodule DynamicSupervisor do
  @moduledoc """
  A supervisor that starts children on demand (Elixir's `DynamicSupervisor`), on top of
  `GenServer` with `DynamicSupervisor.Server` as the callback module. Strategy `:one_for_one`
  only; children are identified by pid; `max_restarts` (3) in `max_seconds` (5), optional
  `max_children` and `extra_arguments`.
  """

  @doc "A child spec to run a dynamic supervisor under a supervisor."
  def child_spec(options) do
    id =
      case opt(options, :name, nil) do
        nil -> DynamicSupervisor
        name -> name
      end

    %{id: id, start: {DynamicSupervisor, :start_link, [options]}, type: :supervisor}
  end

  @doc "Starts a dynamic supervisor with `strategy: :one_for_one` and the other options."
  def start_link(options) when is_list(options) do
    {init_opts, start_opts} = split(options, [], [])
    start_link(DynamicSupervisor.Default, init_opts, start_opts)
  end

  @doc "Starts a module-based dynamic supervisor: `module.init(init_arg)` gives its flags."
  def start_link(module, init_arg, options \\ []) do
    GenServer.start_link(DynamicSupervisor.Server, {module, init_arg}, options)
  end

  defp split([], init, start), do: {:lists.reverse(init), :lists.reverse(start)}

  defp split([{k, _} = o | rest], init, start)
       when k == :strategy or k == :max_restarts or k == :max_seconds or k == :max_children or
              k == :extra_arguments do
    split(rest, [o | init], start)
  end

  defp split([o | rest], init, start), do: split(rest, init, [o | start])

  @doc "The flags returned by a module's `init/1`."
  def init(options) do
    {:ok,
     %{
       strategy: opt(options, :strategy, :one_for_one),
       intensity: opt(options, :max_restarts, 3),
       period: opt(options, :max_seconds, 5),
       max_children: opt(options, :max_children, :infinity),
       extra_arguments: opt(options, :extra_arguments, [])
     }}
  end

  defp opt([], _key, default), do: default
  defp opt([{key, value} | _], key, _default), do: value
  defp opt([_ | rest], key, default), do: opt(rest, key, default)

  @doc "Starts a child: `{:ok, pid}`, `:ignore` or `{:error, reason}`."
  def start_child(supervisor, spec) do
    GenServer.call(supervisor, {:start_child, Supervisor.child_spec(spec, [])}, :infinity)
  end

  @doc "Terminates the child with pid `pid`: `:ok` or `{:error, :not_found}`."
  def terminate_child(supervisor, pid) when is_pid(pid) do
    GenServer.call(supervisor, {:terminate_child, pid}, :infinity)
  end

  @doc "`[{:undefined, pid, type, modules}]`."
  def which_children(supervisor), do: GenServer.call(supervisor, :which_children, :infinity)

  @doc "`%{active: n, specs: n, supervisors: n, workers: n}`."
  def count_children(supervisor), do: GenServer.call(supervisor, :count_children, :infinity)

  @doc "Stops the supervisor and its children."
  def stop(supervisor, reason \\ :normal, timeout \\ :infinity) do
    GenServer.stop(supervisor, reason, timeout)
  end
end

defmodule DynamicSupervisor.Default do
  @moduledoc false
  def init(options), do: DynamicSupervisor.init(options)
end

defmodule DynamicSupervisor.Server do
  @moduledoc false
  # State: flags plus `children`, a list of child maps (with :pid), the newest first.

  def init({mod, arg}) do
    Process.flag(:trap_exit, true)
    # Elixir records `{:supervisor, mod, 1}` (Supervisor.Default for the module-less form), as
    # OTP's proc_lib does for a supervisor; `retort upgrade` reads it for the callback module.
    Process.put(:"$initial_call", {:supervisor, if(mod == DynamicSupervisor.Default, do: Supervisor.Default, else: mod), 1})

    case mod.init(arg) do
      {:ok, flags} when is_map(flags) ->
        {:ok,
         %{
           mod: mod,
           args: arg,
           intensity: :maps.get(:intensity, flags, 3),
           period: :maps.get(:period, flags, 5),
           max_children: :maps.get(:max_children, flags, :infinity),
           extra_arguments: :maps.get(:extra_arguments, flags, []),
           children: [],
           restarts: []
         }}

      :ignore ->
        :ignore

      other ->
        {:stop, {:bad_return, {mod, :init, other}}}
    end
  end

  def handle_call({:start_child, spec}, _from, state) do
    if state.max_children != :infinity and length(state.children) >= state.max_children do
      {:reply, {:error, :max_children}, state}
    else
      {m, f, a} = :maps.get(:start, spec)
      type = :maps.get(:type, spec, :worker)

      child = %{
        start: {m, f, state.extra_arguments ++ a},
        restart: :maps.get(:restart, spec, :permanent),
        shutdown: :maps.get(:shutdown, spec, if(type == :worker, do: 5000, else: :infinity)),
        type: type,
        modules: :maps.get(:modules, spec, [m]),
        pid: :undefined
      }

      case Supervisor.Server.start_spec(child) do
        {:ok, pid} -> {:reply, {:ok, pid}, %{state | children: [%{child | pid: pid} | state.children]}}
        :ignore -> {:reply, :ignore, state}
        {:error, reason} -> {:reply, {:error, reason}, state}
      end
    end
  end

  def handle_call({:terminate_child, pid}, _from, state) do
    case find(state.children, pid) do
      nil ->
        {:reply, {:error, :not_found}, state}

      child ->
        Supervisor.Server.shutdown_child(child)
        {:reply, :ok, %{state | children: remove(state.children, pid)}}
    end
  end

  def handle_call(:which_children, _from, state) do
    {:reply, Supervisor.Server.lmap(fn c -> {:undefined, c.pid, c.type, c.modules} end, :lists.reverse(state.children)),
     state}
  end

  def handle_call(:count_children, _from, state) do
    n = length(state.children)
    sups = length(Supervisor.Server.lfilter(fn c -> c.type == :supervisor end, state.children))
    {:reply, %{specs: n, active: n, supervisors: sups, workers: n - sups}, state}
  end

  def handle_cast(_msg, state), do: {:noreply, state}

  def handle_info({:EXIT, pid, reason}, state) do
    case find(state.children, pid) do
      nil ->
        {:noreply, state}

      child ->
        children = remove(state.children, pid)

        cond do
          child.restart == :temporary -> {:noreply, %{state | children: children}}
          child.restart == :transient and normal?(reason) -> {:noreply, %{state | children: children}}
          true -> restart(child, %{state | children: children})
        end
    end
  end

  def handle_info(_msg, state), do: {:noreply, state}

  def terminate(_reason, state) do
    Supervisor.Server.lforeach(fn c -> Supervisor.Server.shutdown_child(c) end, state.children)
    :ok
  end

  # As Elixir's DynamicSupervisor.code_change/3: the callback's init/1 runs again and its
  # flags replace the old ones; the children stay.
  def code_change(_old, %{mod: mod, args: arg} = state, _extra) do
    case mod.init(arg) do
      {:ok, flags} when is_map(flags) ->
        {:ok,
         %{
           state
           | intensity: :maps.get(:intensity, flags, 3),
             period: :maps.get(:period, flags, 5),
             max_children: :maps.get(:max_children, flags, :infinity),
             extra_arguments: :maps.get(:extra_arguments, flags, [])
         }}

      :ignore ->
        {:ok, state}

      other ->
        {:error, {:bad_return, {mod, :init, other}}}
    end
  end

  defp normal?(:normal), do: true
  defp normal?(:shutdown), do: true
  defp normal?({:shutdown, _}), do: true
  defp normal?(_), do: false

  defp restart(child, state) do
    now = :erlang.monotonic_time(:second)
    threshold = now - state.period
    restarts = [now | Supervisor.Server.lfilter(fn t -> t >= threshold end, state.restarts)]
    state = %{state | restarts: restarts}

    if length(restarts) > state.intensity do
      {:stop, :shutdown, state}
    else
      case Supervisor.Server.start_spec(child) do
        {:ok, pid} -> {:noreply, %{state | children: [%{child | pid: pid} | state.children]}}
        _ -> {:noreply, state}
      end
    end
  end

  defp find([], _pid), do: nil
  defp find([%{pid: pid} = c | _], pid), do: c
  defp find([_ | rest], pid), do: find(rest, pid)

  defp remove(children, pid), do: Supervisor.Server.lfilter(fn c -> c.pid != pid end, children)
end
