# kv_server, version 1: a key-value store over TCP with a line protocol.
#
#   PUT key value   -> OK
#   GET key         -> VALUE value | NOT_FOUND
#   DEL key         -> OK
#   anything else   -> ERROR unknown command
#
# The tree: KVServer.Sup (one_for_one) over the store (a GenServer), a DynamicSupervisor for
# the connections and the acceptor. The port is $KV_PORT (0, the default, picks a free one);
# the acceptor prints "kv_server listening on port N" once it listens.
#
# Every connection process loops through `KVServer.Conn.serve/1` by a fully qualified call and
# runs each command through `KVServer.Command.run/1`, so an open connection moves to newly
# loaded code at its next request.
defmodule KVServer.App do
  use Application
  @vsn "1"

  def start(_type, _args) do
    port = String.to_integer(System.get_env("KV_PORT") || "0")

    children = [
      KVServer.Store,
      {DynamicSupervisor, name: KVServer.ConnSup, strategy: :one_for_one},
      {KVServer.Acceptor, port}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: KVServer.Sup)
  end
end

defmodule KVServer.Store do
  use GenServer
  @vsn "1"

  def start_link(_arg), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  def put(key, value), do: GenServer.call(__MODULE__, {:put, key, value})
  def get(key), do: GenServer.call(__MODULE__, {:get, key})
  def delete(key), do: GenServer.call(__MODULE__, {:delete, key})

  def init(data), do: {:ok, data}

  # State: a map of key => value.
  def handle_call({:put, key, value}, _from, data), do: {:reply, :ok, Map.put(data, key, value)}
  def handle_call({:get, key}, _from, data), do: {:reply, Map.fetch(data, key), data}
  def handle_call({:delete, key}, _from, data), do: {:reply, :ok, Map.delete(data, key)}
end

defmodule KVServer.Command do
  @vsn "1"

  @doc "One request line (without its newline) to one reply line (without its newline)."
  def run(line) do
    case String.split(line, " ", parts: 3) do
      ["PUT", key, value] ->
        :ok = KVServer.Store.put(key, value)
        "OK"

      ["GET", key] ->
        case KVServer.Store.get(key) do
          {:ok, value} -> "VALUE " <> value
          :error -> "NOT_FOUND"
        end

      ["DEL", key] ->
        :ok = KVServer.Store.delete(key)
        "OK"

      _ ->
        "ERROR unknown command"
    end
  end
end

defmodule KVServer.Acceptor do
  @vsn "1"

  def child_spec(port) do
    %{id: __MODULE__, start: {__MODULE__, :start_link, [port]}}
  end

  def start_link(port) do
    {:ok, :proc_lib.spawn_link(__MODULE__, :init, [port])}
  end

  def init(port) do
    {:ok, listen} = :gen_tcp.listen(port, [:binary, packet: :line, active: false, reuseaddr: true, backlog: 128])
    {:ok, actual} = :inet.port(listen)
    IO.puts("kv_server listening on port #{actual}")
    KVServer.Acceptor.loop(listen)
  end

  # Waits at most a second in accept, so that even without clients the acceptor comes back
  # through the fully qualified call, into the current code, within a second of an upgrade.
  def loop(listen) do
    case :gen_tcp.accept(listen, 1000) do
      {:ok, socket} ->
        {:ok, pid} = DynamicSupervisor.start_child(KVServer.ConnSup, {KVServer.Conn, nil})
        :ok = :gen_tcp.controlling_process(socket, pid)
        send(pid, {:socket, socket})

      {:error, :timeout} ->
        :ok
    end

    KVServer.Acceptor.loop(listen)
  end
end

defmodule KVServer.Conn do
  @vsn "1"

  def child_spec(arg) do
    %{id: __MODULE__, start: {__MODULE__, :start_link, [arg]}, restart: :temporary}
  end

  def start_link(_arg) do
    {:ok, :proc_lib.spawn_link(__MODULE__, :init, [])}
  end

  def init() do
    receive do
      {:socket, socket} -> KVServer.Conn.serve(socket)
    end
  end

  # Fully qualified: the next request of an open connection runs the current code, and an
  # idle connection comes back through here every second (the recv timeout), so no connection
  # stays in replaced code for long.
  def serve(socket) do
    case :gen_tcp.recv(socket, 0, 1000) do
      {:ok, line} ->
        reply = KVServer.Command.run(String.trim_trailing(line, "\n") |> String.trim_trailing("\r"))
        :ok = :gen_tcp.send(socket, reply <> "\n")
        KVServer.Conn.serve(socket)

      {:error, :timeout} ->
        KVServer.Conn.serve(socket)

      {:error, _} ->
        :gen_tcp.close(socket)
    end
  end
end
