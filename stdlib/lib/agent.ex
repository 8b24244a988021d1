defmodule Agent do
  @moduledoc """
  A process holding a state that other processes read and update through functions
  (Elixir's `Agent`), built on `GenServer` with `Agent.Server` as the callback module.
  Functions may be given as funs or as `{module, function, args}` (the state is prepended to
  `args`).
  """

  @doc "A child spec starting `Agent.start_link(arg)`."
  def child_spec(arg) do
    %{id: Agent, start: {Agent, :start_link, [arg]}}
  end

  @doc "Starts an agent linked to the caller, its state being `fun.()`."
  def start_link(fun, options \\ []) when is_function(fun, 0) do
    GenServer.start_link(Agent.Server, fun, options)
  end

  @doc "Starts an agent with the state `apply(module, fun, args)`."
  def start_link(module, fun, args, options \\ []) do
    GenServer.start_link(Agent.Server, {module, fun, args}, options)
  end

  @doc "Starts an agent without a link."
  def start(fun, options \\ []) when is_function(fun, 0) do
    GenServer.start(Agent.Server, fun, options)
  end

  @doc "Starts an agent without a link, its state being `apply(module, fun, args)`."
  def start(module, fun, args, options \\ []) do
    GenServer.start(Agent.Server, {module, fun, args}, options)
  end

  @doc "Returns `fun.(state)`."
  def get(agent, fun, timeout \\ 5000) when is_function(fun, 1) do
    GenServer.call(agent, {:get, fun}, timeout)
  end

  @doc "Returns `apply(module, fun, [state | args])`."
  def get(agent, module, fun, args, timeout \\ 5000) do
    GenServer.call(agent, {:get, {module, fun, args}}, timeout)
  end

  @doc "`fun.(state)` returns `{reply, new_state}`: stores `new_state`, returns `reply`."
  def get_and_update(agent, fun, timeout \\ 5000) when is_function(fun, 1) do
    GenServer.call(agent, {:get_and_update, fun}, timeout)
  end

  @doc "Like `get_and_update/3` with `{module, fun, args}`."
  def get_and_update(agent, module, fun, args, timeout \\ 5000) do
    GenServer.call(agent, {:get_and_update, {module, fun, args}}, timeout)
  end

  @doc "Replaces the state with `fun.(state)`; `:ok`."
  def update(agent, fun, timeout \\ 5000) when is_function(fun, 1) do
    GenServer.call(agent, {:update, fun}, timeout)
  end

  @doc "Like `update/3` with `{module, fun, args}`."
  def update(agent, module, fun, args, timeout \\ 5000) do
    GenServer.call(agent, {:update, {module, fun, args}}, timeout)
  end

  @doc "Updates the state asynchronously; `:ok` at once."
  def cast(agent, fun) when is_function(fun, 1) do
    GenServer.cast(agent, {:cast, fun})
  end

  @doc "Like `cast/2` with `{module, fun, args}`."
  def cast(agent, module, fun, args) do
    GenServer.cast(agent, {:cast, {module, fun, args}})
  end

  @doc "Stops the agent."
  def stop(agent, reason \\ :normal, timeout \\ :infinity) do
    GenServer.stop(agent, reason, timeout)
  end
end

defmodule Agent.Server do
  @moduledoc false

  def init(fun) do
    # As Elixir's Agent.Server: the initial call is the function that computes the state
    # (`{module, name, 0}` of a fun, `{module, fun, length(args)}`), which is how observers and
    # `retort upgrade` see which module an agent runs.
    Process.put(:"$initial_call", initial_call(fun))
    {:ok, run(fun, [])}
  end

  defp initial_call({m, f, a}), do: {m, f, length(a)}

  defp initial_call(fun) do
    {:module, m} = Function.info(fun, :module)
    {:name, f} = Function.info(fun, :name)
    {m, f, 0}
  end

  def handle_call({:get, fun}, _from, state) do
    {:reply, run(fun, [state]), state}
  end

  def handle_call({:get_and_update, fun}, _from, state) do
    case run(fun, [state]) do
      {reply, new_state} -> {:reply, reply, new_state}
      other -> {:stop, {:bad_return_value, other}, state}
    end
  end

  def handle_call({:update, fun}, _from, state) do
    {:reply, :ok, run(fun, [state])}
  end

  def handle_cast({:cast, fun}, state) do
    {:noreply, run(fun, [state])}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  def code_change(_old, state, fun) do
    {:ok, run(fun, [state])}
  end

  defp run({m, f, a}, extra), do: apply(m, f, extra ++ a)
  defp run(fun, extra), do: apply(fun, extra)
end
