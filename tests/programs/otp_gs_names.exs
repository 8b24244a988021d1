# GenServer name registration: name: atom, conflicts ({:error, {:already_started, pid}}),
# {:global, _} and {:via, Registry-less module, _} are not used; bad names raise.
defmodule N do
  use GenServer
  def init(s), do: {:ok, s}
  def handle_call(:get, _f, s), do: {:reply, s, s}
end

defmodule Main do
  def run do
    {:ok, p} = GenServer.start(N, :first, name: :server)
    IO.puts("registered: #{Process.whereis(:server) == p}")
    {:error, {:already_started, other}} = GenServer.start(N, :second, name: :server)
    IO.puts("already_started: same pid=#{other == p}")
    {:error, {:already_started, other}} = GenServer.start_link(N, :third, name: :server)
    IO.puts("start_link already_started: same pid=#{other == p}")
    IO.puts("still first: #{inspect(GenServer.call(:server, :get))}")
    IO.puts("registered_name: #{inspect(Process.info(p, :registered_name))}")

    # A name already used by a non-GenServer process.
    spawn(fn ->
      Process.register(self(), :taken)
      receive do
        :stop -> :ok
      end
    end)
    Process.sleep(10)
    {:error, {:already_started, q}} = GenServer.start(N, :x, name: :taken)
    IO.puts("taken by plain process: #{q == Process.whereis(:taken)}")

    # After stop the name is free again.
    GenServer.stop(:server)
    IO.puts("whereis after stop: #{inspect(Process.whereis(:server))}")
    {:ok, p2} = GenServer.start(N, :again, name: :server)
    IO.puts("restart with name: #{inspect(GenServer.call(:server, :get))} new pid=#{p2 != p}")

    # Bad name option.
    try do
      GenServer.start(N, :x, name: "string")
    rescue
      e -> IO.puts("bad name: #{inspect(e.__struct__)}\n#{Exception.message(e)}")
    end

    # Use of __MODULE__ as name via child_spec.
    IO.puts("child_spec: #{inspect(N.child_spec(:arg))}")
  end
end

Main.run()
