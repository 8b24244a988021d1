defmodule Task do
  @moduledoc """
  Tasks (Elixir's `Task`): `async/1,3` + `await/1,2`, `start/1,3`, `start_link/1,3`.

  `async` spawns a process linked to the caller and monitors it; the monitor reference is the
  tag of the reply `{ref, result}`. `await` waits for the reply, and exits with
  `{reason, {Task, :await, [task, timeout]}}` when the task dies or does not answer in time.
  A task that crashes logs Elixir's task report and exits with `{exception, stacktrace}`.
  """

  defstruct pid: nil, ref: nil, owner: nil, mfa: nil

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
    ref = Process.monitor(pid)
    send(pid, {owner, ref})
    %Task{pid: pid, ref: ref, owner: owner, mfa: mfa}
  end

  @doc false
  def async_run(owner, mfa, module, function, args) do
    receive do
      {^owner, ref} ->
        result = run(owner, mfa, module, function, args)
        send(owner, {ref, result})
    end
  end

  @doc "Waits for the task's reply (default 5000 ms)."
  def await(%Task{ref: ref, owner: owner} = task, timeout \\ 5000) do
    if owner != self() do
      raise ArgumentError,
            "task " <> inspect(task) <> " must be queried from the owner but was queried from " <> inspect(self())
    end

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
  def yield(%Task{ref: ref, owner: owner} = task, timeout \\ 5000) do
    if owner != self() do
      raise ArgumentError,
            "task " <> inspect(task) <> " must be queried from the owner but was queried from " <> inspect(self())
    end

    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        {:ok, reply}

      {:DOWN, ^ref, _, proc, :noconnection} ->
        exit({{:nodedown, proc}, {Task, :yield, [task, timeout]}})

      {:DOWN, ^ref, _, _proc, reason} ->
        {:exit, reason}
    after
      timeout -> nil
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
end
