defmodule Task do
  @moduledoc """
  Tasks (Elixir's `Task`): `async/1,3` + `await/1,2`, `yield/1,2`, `yield_many/1,2`,
  `await_many/1,2`, `completed/1`, `ignore/1`, `async_stream/2..5`, `start/1,3`,
  `start_link/1,3`.

  `async` spawns a process linked to the caller and monitors it; the monitor reference is the
  tag of the reply `{ref, result}`, and an alias of the caller while the monitor lasts (the
  task replies only while it is active, as Elixir's replies through `alias: :demonitor`). `await` waits for the reply, and exits with
  `{reason, {Task, :await, [task, timeout]}}` when the task dies or does not answer in time.
  A task that crashes logs Elixir's task report and exits with `{exception, stacktrace}`.
  """

  defstruct mfa: nil, owner: nil, pid: nil, ref: nil

  @doc "A child spec starting `Task.start_link(arg)` (restart `:temporary`)."
  def child_spec(arg) do
    %{id: Task, start: {Task, :start_link, [arg]}, restart: :temporary}
  end

  @doc "Runs `fun` in a new process linked to the caller; await the result with `await/2`."
  def async(fun) when is_function(fun, 0), do: async(:erlang, :apply, [fun, []])

  @doc "Runs `apply(module, function, args)` asynchronously."
  def async(module, function, args) do
    owner = self()
    mfa = mfa_of(module, function, args)
    pid = :erlang.spawn_link(Task, :async_run, [owner, mfa, module, function, args])
    ref = :retort_otp.alias_ref(Process.monitor(pid))
    send(pid, {owner, ref})
    %Task{pid: pid, ref: ref, owner: owner, mfa: mfa}
  end

  @doc false
  def async_run(owner, mfa, module, function, args) do
    receive do
      {^owner, ref} ->
        result = run(owner, mfa, module, function, args)
        # Dropped when the owner no longer waits (the monitor's alias is gone: `ignore/1`, a
        # timed-out `await/2`), as the BEAM drops a message to an inactive alias.
        if :retort_otp.is_alias_active(owner, ref), do: send(owner, {ref, result})
    end
  end

  @doc "Waits for the task's reply (default 5000 ms)."
  def await(%Task{ref: ref, owner: owner} = task, timeout \\ 5000) do
    ensure_owner!(task, owner)

    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        reply

      {:DOWN, ^ref, _, proc, reason} ->
        exit({down_reason(reason, proc), {Task, :await, [task, timeout]}})
    after
      timeout ->
        Process.demonitor(ref, [:flush])
        exit({:timeout, {Task, :await, [task, timeout]}})
    end
  end

  @doc """
  Waits up to `timeout` ms for the task's reply: `{:ok, reply}`, `{:exit, reason}` if the task
  died, or `nil` if it is still running (it keeps running and can be yielded or awaited again).
  """
  def yield(%Task{owner: owner} = task, timeout \\ 5000) do
    ensure_owner!(task, owner)
    reply_within(task, timeout, {Task, :yield, [task, timeout]})
  end

  # The task's reply if it comes within `timeout` ms (`nil` otherwise); `mfa` names the caller
  # in the exit for a lost node, as Elixir's `Task.yield/2` and `Task.ignore/1` do.
  defp reply_within(%Task{ref: ref}, timeout, mfa) do
    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        {:ok, reply}

      {:DOWN, ^ref, _, proc, :noconnection} ->
        exit({{:nodedown, proc}, mfa})

      {:DOWN, ^ref, _, _proc, reason} ->
        {:exit, reason}
    after
      timeout -> nil
    end
  end

  @doc """
  Waits up to `timeout` ms for all the tasks at once; answers `[{task, result}]` in the order
  given, each result `{:ok, reply}`, `{:exit, reason}` or `nil` (still running).
  """
  def yield_many(tasks, timeout \\ 5000) do
    Enum.each(tasks, fn %Task{owner: owner} = task ->
      ensure_owner!(task, owner)
    end)

    refs = Map.new(tasks, fn %Task{ref: ref} -> {ref, nil} end)
    deadline = if timeout == :infinity, do: :infinity, else: System.monotonic_time(:millisecond) + timeout
    results = yield_loop(refs, map_size(refs), deadline)
    Enum.map(tasks, fn %Task{ref: ref} = task -> {task, Map.get(results, ref)} end)
  end

  defp yield_loop(results, 0, _deadline), do: results

  defp yield_loop(results, left, deadline) do
    wait =
      if deadline == :infinity, do: :infinity, else: max(deadline - System.monotonic_time(:millisecond), 0)

    receive do
      {ref, reply} when is_reference(ref) and is_map_key(results, ref) and :erlang.map_get(ref, results) == nil ->
        Process.demonitor(ref, [:flush])
        yield_loop(Map.put(results, ref, {:ok, reply}), left - 1, deadline)

      {:DOWN, ref, _, _, reason} when is_map_key(results, ref) and :erlang.map_get(ref, results) == nil ->
        yield_loop(Map.put(results, ref, {:exit, reason}), left - 1, deadline)
    after
      wait -> results
    end
  end

  @doc """
  A task whose result is already `result`: `await/2` and `yield/2` answer it at once.
  """
  def completed(result) do
    ref = make_ref()
    send(self(), {ref, result})
    %Task{mfa: {Task, :completed, 1}, owner: self(), pid: nil, ref: ref}
  end

  @doc """
  Lets the task run on, unlinked and no longer awaitable: `{:ok, reply}` or `{:exit, reason}`
  when it has already finished, `nil` otherwise.
  """
  def ignore(%Task{ref: ref, pid: pid, owner: owner} = task) do
    ensure_owner!(task, owner)

    with nil <- reply_within(task, 0, {Task, :ignore, [task]}) do
      Process.demonitor(ref, [:flush])
      if pid, do: Process.unlink(pid)
      nil
    end
  end

  @doc """
  A stream that runs `fun` on each element of `enumerable` in its own task, at most
  `max_concurrency` (default `System.schedulers_online/0`) at a time, and emits `{:ok, result}`
  (or `{:exit, reason}` for a task that died while the caller traps exits, or timed out with
  `on_timeout: :kill_task`). Options: `ordered` (default `true`: results in input order, else in
  completion order), `timeout` (ms each task may run, default 5000; past it the caller exits
  with `{:timeout, {Task.Supervised, :stream, [timeout]}}` unless `on_timeout: :kill_task`),
  `zip_input_on_exit` (`{:exit, {element, reason}}`). The input is pulled lazily, so infinite
  streams work. Unlike Elixir's, tasks still running when the consumer stops early (`Enum.take`)
  are not shut down: they finish and their replies stay in the mailbox.
  """
  def async_stream(enumerable, fun, options \\ []) when is_function(fun, 1) do
    stream_of(enumerable, fn x -> fun.(x) end, options)
  end

  @doc "`async_stream/3` calling `apply(module, function, [element | args])`."
  def async_stream(enumerable, module, function, args, options \\ []) when is_atom(module) and is_atom(function) and is_list(args) do
    stream_of(enumerable, fn x -> apply(module, function, [x | args]) end, options)
  end

  defp stream_of(enumerable, run, options) do
    opts = %{
      max: Keyword.get(options, :max_concurrency, System.schedulers_online()),
      ordered: Keyword.get(options, :ordered, true),
      timeout: Keyword.get(options, :timeout, 5000),
      on_timeout: Keyword.get(options, :on_timeout, :exit),
      zip: Keyword.get(options, :zip_input_on_exit, false),
      run: run
    }

    if not (is_integer(opts.max) and opts.max > 0) do
      raise ArgumentError, ":max_concurrency must be an integer greater than zero"
    end

    if opts.on_timeout not in [:exit, :kill_task] do
      raise ArgumentError, ":on_timeout must be either :exit or :kill_task"
    end

    # State: the input's pull thunk (nil once exhausted), the running tasks by monitor
    # reference ({index, pid, element, started}), finished results by index (ordered) or in
    # completion order (unordered, a reversed list), and the next index to spawn / emit.
    state = %{input: nil, enum: enumerable, running: %{}, done: %{}, queue: [], spawned: 0, emitted: 0}
    %Stream{next: fn -> stream_step(state, opts) end}
  end

  defp stream_step(%{input: nil, enum: enum} = st, opts) when enum != nil do
    stream_step(%{st | input: Stream.__pull__(enum), enum: nil}, opts)
  end

  # A ready result is emitted before more tasks start, so a consumer that stops early
  # (`Enum.take/2`) leaves as few tasks running as it can.
  defp stream_step(st, opts) do
    case stream_ready(st, opts) do
      {:ok, result, st} ->
        {result, fn -> stream_step(st, opts) end}

      :none ->
        st = stream_fill(st, opts)

        case stream_ready(st, opts) do
          {:ok, result, st} ->
            {result, fn -> stream_step(st, opts) end}

          :none ->
            if map_size(st.running) == 0 do
              :done
            else
              stream_step(stream_wait(st, opts), opts)
            end
        end
    end
  end

  defp stream_fill(%{input: :exhausted} = st, _opts), do: st

  defp stream_fill(st, opts) do
    if map_size(st.running) >= opts.max do
      st
    else
      case st.input.() do
        {x, next} ->
          run = opts.run
          %Task{ref: ref, pid: pid} = async(:erlang, :apply, [run, [x]])
          started = System.monotonic_time(:millisecond)
          running = Map.put(st.running, ref, {st.spawned, pid, x, started})
          stream_fill(%{st | input: next, running: running, spawned: st.spawned + 1}, opts)

        _ ->
          %{st | input: :exhausted}
      end
    end
  end

  defp stream_ready(%{queue: [], done: done, emitted: i} = st, %{ordered: true}) do
    case done do
      %{^i => result} -> {:ok, result, %{st | done: Map.delete(done, i), emitted: i + 1}}
      _ -> :none
    end
  end

  defp stream_ready(%{queue: []}, _opts), do: :none
  defp stream_ready(%{queue: [r | rest]} = st, _opts), do: {:ok, r, %{st | queue: rest}}

  defp stream_record(st, ref, result, opts) do
    {{i, _pid, _x, _started}, running} = Map.pop(st.running, ref)
    st = %{st | running: running}

    if opts.ordered do
      %{st | done: Map.put(st.done, i, result)}
    else
      %{st | queue: st.queue ++ [result]}
    end
  end

  defp stream_exit(x, reason, %{zip: true}), do: {:exit, {x, reason}}
  defp stream_exit(_x, reason, _opts), do: {:exit, reason}

  defp stream_wait(st, opts) do
    running = st.running
    wait = stream_wait_time(running, opts.timeout)

    receive do
      {ref, reply} when is_reference(ref) and is_map_key(running, ref) ->
        Process.demonitor(ref, [:flush])
        stream_record(st, ref, {:ok, reply}, opts)

      {:DOWN, ref, _, _, reason} when is_map_key(running, ref) ->
        {_i, _pid, x, _started} = Map.fetch!(running, ref)
        stream_record(st, ref, stream_exit(x, reason, opts), opts)
    after
      wait -> stream_timeout(st, opts)
    end
  end

  defp stream_wait_time(_running, :infinity), do: :infinity

  defp stream_wait_time(running, timeout) do
    now = System.monotonic_time(:millisecond)
    oldest = running |> Map.values() |> Enum.map(fn {_, _, _, started} -> started end) |> Enum.min()
    max(oldest + timeout - now, 0)
  end

  defp stream_timeout(st, opts) do
    now = System.monotonic_time(:millisecond)
    late = for {ref, {_, _, _, started} = t} <- st.running, started + opts.timeout <= now, do: {ref, t}

    case opts.on_timeout do
      :exit ->
        for {ref, {_, pid, _, _}} <- st.running do
          Process.unlink(pid)
          Process.exit(pid, :kill)
          Process.demonitor(ref, [:flush])
        end

        exit({:timeout, {Task.Supervised, :stream, [opts.timeout]}})

      :kill_task ->
        Enum.reduce(late, st, fn {ref, {_, pid, x, _}}, st ->
          Process.unlink(pid)
          Process.exit(pid, :kill)
          Process.demonitor(ref, [:flush])
          stream_record(st, ref, stream_exit(x, :timeout, opts), opts)
        end)
    end
  end

  defp down_reason(:noconnection, proc), do: {:nodedown, proc}
  defp down_reason(reason, _proc), do: reason

  @doc "Awaits several tasks, returning their results in order."
  def await_many(tasks, timeout \\ 5000) do
    await_all(tasks, timeout)
  end

  defp await_all([], _timeout), do: []
  defp await_all([task | rest], timeout), do: [await(task, timeout) | await_all(rest, timeout)]

  @doc "Starts a task not linked to the caller; `{:ok, pid}`."
  def start(fun) when is_function(fun, 0), do: start(:erlang, :apply, [fun, []])

  @doc "Starts `apply(module, function, args)` as an unlinked task."
  def start(module, function, args) do
    owner = self()
    mfa = mfa_of(module, function, args)
    pid = :erlang.spawn(Task, :start_run, [owner, mfa, module, function, args])
    {:ok, pid}
  end

  @doc "Starts a task linked to the caller; `{:ok, pid}`."
  def start_link(fun) when is_function(fun, 0), do: start_link(:erlang, :apply, [fun, []])

  @doc "Starts `apply(module, function, args)` as a linked task."
  def start_link(module, function, args) do
    owner = self()
    mfa = mfa_of(module, function, args)
    pid = :erlang.spawn_link(Task, :start_run, [owner, mfa, module, function, args])
    {:ok, pid}
  end

  @doc false
  def start_run(owner, mfa, module, function, args) do
    run(owner, mfa, module, function, args)
    :ok
  end

  @doc "Unlinks and kills the task (or lets it finish when `:brutal_kill` is not wanted)."
  def shutdown(%Task{pid: pid, ref: ref} = _task, _shutdown \\ 5000) do
    Process.unlink(pid)
    Process.exit(pid, :kill)

    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        {:ok, reply}

      {:DOWN, ^ref, _, _, :killed} ->
        nil

      {:DOWN, ^ref, _, _, reason} ->
        {:exit, reason}
    end
  end

  defp mfa_of(:erlang, :apply, [fun, []]) when is_function(fun), do: {:erlang, :apply, 2}
  defp mfa_of(module, function, args), do: {module, function, length(args)}

  defp run(owner, mfa, module, function, args) do
    Process.put(:"$callers", [owner])
    Process.put(:"$initial_call", mfa)

    try do
      apply(module, function, args)
    catch
      :exit, reason ->
        if not normal_reason?(reason) do
          report(owner, module, function, args, {:stop, reason})
        end

        exit(reason)

      :error, reason ->
        stack = __STACKTRACE__
        report(owner, module, function, args, {reason, stack})
        exit({reason, stack})

      :throw, value ->
        stack = __STACKTRACE__
        report(owner, module, function, args, {{:nocatch, value}, stack})
        exit({{:nocatch, value}, stack})
    end
  end

  defp normal_reason?(:normal), do: true
  defp normal_reason?(:shutdown), do: true
  defp normal_reason?({:shutdown, _}), do: true
  defp normal_reason?(_), do: false

  defp report(owner, module, function, args, reason) do
    if :retort_otp.enabled(:error) do
      formatted =
        case reason do
          {:stop, r} -> "\n** (stop) " <> :retort_otp.format_exit(r)
          r -> :retort_otp.format_reason(r)
        end

      what =
        case {module, function, args} do
          {:erlang, :apply, [fun, a]} -> "Function: " <> inspect(fun) <> "\n    Args: " <> inspect(a)
          _ -> "Function: &" <> inspect(module) <> "." <> :erlang.atom_to_binary(function) <> "/" <> :erlang.integer_to_binary(length(args)) <> "\n    Args: " <> inspect(args)
        end

      :retort_otp.log(
        :error,
        "Task " <> inspect(self()) <> " started from " <> inspect(owner) <> " terminating" <>
          formatted <> "\n" <> what
      )
    end
  end

  # Only the process that started a task may await, yield or ignore it (Elixir's
  # `invalid_owner_error`).
  defp ensure_owner!(task, owner) do
    if owner != self() do
      raise ArgumentError,
            "task " <> inspect(task) <> " must be queried from the owner but was queried from " <> inspect(self())
    end
  end
end
