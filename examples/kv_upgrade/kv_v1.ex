# The patched kv.ex, version 1: logs each request and counts them. Its state is
# %{data: map, requests: n}; code_change/3 migrates version 0's plain map.
defmodule KV do
  use GenServer
  @vsn 1

  def start_link(), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)
  def init(_), do: {:ok, %{data: %{}, requests: 0}}

  def get(key, default \\ nil), do: GenServer.call(__MODULE__, {:get, key, default})
  def put(key, value), do: GenServer.call(__MODULE__, {:put, key, value})

  def handle_call({:get, key, default}, _caller, state) do
    IO.puts("KV: handling get request for #{key}")
    {:reply, Map.get(state.data, key, default), %{state | requests: state.requests + 1}}
  end

  def handle_call({:put, key, value}, _caller, state) do
    IO.puts("KV: handling put request for #{key}:#{value}")
    {:reply, :ok, %{state | data: Map.put(state.data, key, value), requests: state.requests + 1}}
  end

  def code_change(old_vsn, state, extra) do
    IO.puts("KV: code_change from #{inspect(old_vsn)} with #{inspect(extra)}")
    {:ok, %{data: state, requests: 0}}
  end
end
