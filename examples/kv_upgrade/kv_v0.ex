# A key-value server, version 0: the seed's kv.ex.
defmodule KV do
  use GenServer
  @vsn 0

  def start_link(), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)
  def init(_), do: {:ok, %{}}

  def get(key, default \\ nil), do: GenServer.call(__MODULE__, {:get, key, default})
  def put(key, value), do: GenServer.call(__MODULE__, {:put, key, value})

  def handle_call({:get, key, default}, _caller, state) do
    {:reply, Map.get(state, key, default), state}
  end

  def handle_call({:put, key, value}, _caller, state) do
    {:reply, :ok, Map.put(state, key, value)}
  end
end
