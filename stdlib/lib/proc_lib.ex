defmodule :proc_lib do
  @moduledoc """
  Starting special processes (Erlang's `proc_lib`): the new process records `:"$ancestors"`
  and `:"$initial_call"` in its dictionary, then enters `module.function(args)` by a remote
  (tail) call, so it holds no frame of this module.
  """

  @doc "Spawns `apply(module, function, args)` as a special process."
  def spawn(module, function, args) do
    :erlang.spawn(:proc_lib, :init_p, [self(), ancestors(), module, function, args])
  end

  @doc "Like `spawn/3`, linked to the caller."
  def spawn_link(module, function, args) do
    :erlang.spawn_link(:proc_lib, :init_p, [self(), ancestors(), module, function, args])
  end

  @doc "Spawns the zero-arity fun `fun` as a special process."
  def spawn(fun) when is_function(fun, 0) do
    :erlang.spawn(:proc_lib, :init_p, [self(), ancestors(), :erlang, :apply, [fun, []]])
  end

  @doc "Like `spawn/1`, linked to the caller."
  def spawn_link(fun) when is_function(fun, 0) do
    :erlang.spawn_link(:proc_lib, :init_p, [self(), ancestors(), :erlang, :apply, [fun, []]])
  end

  # The new process's `:"$ancestors"`: the caller (by registered name when it has one), then
  # the caller's own ancestors.
  defp ancestors do
    me =
      case Process.info(self(), :registered_name) do
        {:registered_name, name} when is_atom(name) -> name
        _ -> self()
      end

    case Process.get(:"$ancestors") do
      list when is_list(list) -> [me | list]
      _ -> [me]
    end
  end

  @doc """
  Starts a process with `spawn_link/3` and waits until it calls `init_ack/1,2`; returns what
  it acknowledged.
  """
  def start_link(module, function, args, timeout \\ :infinity) do
    pid = :proc_lib.spawn_link(module, function, args)
    sync_wait(pid, timeout)
  end

  @doc "Like `start_link/3,4` without the link."
  def start(module, function, args, timeout \\ :infinity) do
    pid = :proc_lib.spawn(module, function, args)
    sync_wait(pid, timeout)
  end

  defp sync_wait(pid, timeout) do
    ref = Process.monitor(pid)

    receive do
      {:ack, ^pid, result} ->
        Process.demonitor(ref, [:flush])
        result

      {:DOWN, ^ref, :process, ^pid, reason} ->
        {:error, reason}
    after
      timeout ->
        Process.demonitor(ref, [:flush])
        Process.unlink(pid)
        Process.exit(pid, :kill)
        {:error, :timeout}
    end
  end

  @doc "Acknowledges the start to the process that called `start_link/3`."
  def init_ack(return), do: init_ack(parent(), return)

  @doc "Sends `{:ack, self(), return}` to `parent`."
  def init_ack(parent, return) do
    send(parent, {:ack, self(), return})
    :ok
  end

  defp parent do
    case Process.get(:"$ancestors") do
      [p | _] when is_pid(p) -> p
      [name | _] when is_atom(name) -> Process.whereis(name)
      _ -> self()
    end
  end

  @doc false
  def init_p(_parent, ancestors, module, function, args) do
    Process.put(:"$ancestors", ancestors)
    Process.put(:"$initial_call", {module, function, length(args)})
    apply(module, function, args)
  end

  @doc "Stops `process` with `reason` through the `:sys` protocol and waits for its exit."
  def stop(process, reason \\ :normal, timeout \\ :infinity) do
    case :gen.where(process) do
      nil ->
        exit(:noproc)

      pid ->
        ref = Process.monitor(pid)

        try do
          :sys.terminate(pid, reason, :infinity)
        catch
          :exit, _ -> :ok
        end

        receive do
          {:DOWN, ^ref, _, _, ^reason} -> :ok
          {:DOWN, ^ref, _, _, other} -> exit(other)
        after
          timeout ->
            Process.demonitor(ref, [:flush])
            exit(:timeout)
        end
    end
  end
end
