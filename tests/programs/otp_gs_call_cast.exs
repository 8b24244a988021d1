# GenServer call/cast/reply/stop: deferred replies with GenServer.reply/2, call/3 with a
# timeout, casts in order, stop/1,3 and terminate/2, GenServer.whereis, names.
defmodule Counter do
  use GenServer

  def start_link(n, opts \\ []), do: GenServer.start_link(__MODULE__, n, opts)

  def init(n), do: {:ok, %{n: n, waiting: []}}

  def handle_call(:get, _from, s), do: {:reply, s.n, s}
  def handle_call({:add, k}, _from, s), do: {:reply, :ok, %{s | n: s.n + k}}

  # Deferred: reply later when :release is cast.
  def handle_call(:wait, from, s), do: {:noreply, %{s | waiting: [from | s.waiting]}}

  # Reply from inside the callback, then return :noreply.
  def handle_call(:early, from, s) do
    GenServer.reply(from, :early_reply)
    {:noreply, s}
  end

  def handle_cast({:add, k}, s), do: {:noreply, %{s | n: s.n + k}}

  def handle_cast(:release, s) do
    Enum.each(Enum.reverse(s.waiting), &GenServer.reply(&1, {:released, s.n}))
    {:noreply, %{s | waiting: []}}
  end

  def handle_info({:add, k}, s), do: {:noreply, %{s | n: s.n + k}}

  def terminate(reason, s) do
    IO.puts("terminate(#{inspect(reason)}) with n=#{s.n}")
  end
end

defmodule Main do
  def run do
    {:ok, c} = Counter.start_link(0)
    IO.puts("get: #{GenServer.call(c, :get)}")
    IO.puts("add: #{GenServer.call(c, {:add, 5})}")
    IO.puts("cast returns: #{inspect(GenServer.cast(c, {:add, 1}))}")
    for i <- 1..10, do: GenServer.cast(c, {:add, i})
    send(c, {:add, 100})
    IO.puts("after casts and info: #{GenServer.call(c, :get)}")
    IO.puts("early reply: #{inspect(GenServer.call(c, :early))}")

    parent = self()
    for i <- 1..3 do
      spawn(fn -> send(parent, {:waiter, i, GenServer.call(c, :wait)}) end)
      Process.sleep(5)
    end
    GenServer.cast(c, :release)
    for _ <- 1..3 do
      receive do
        {:waiter, i, r} -> IO.puts("waiter #{i}: #{inspect(r)}")
      end
    end

    IO.puts("call/3 with timeout: #{GenServer.call(c, :get, 1000)}")
    IO.puts("call :infinity: #{GenServer.call(c, :get, :infinity)}")

    # Named servers.
    {:ok, n} = Counter.start_link(7, name: :named_counter)
    IO.puts("whereis: #{GenServer.whereis(:named_counter) == n}")
    IO.puts("call by name: #{GenServer.call(:named_counter, :get)}")
    GenServer.cast(:named_counter, {:add, 1})
    IO.puts("cast by name: #{GenServer.call(:named_counter, :get)}")
    IO.puts("cast to unknown name: #{inspect(GenServer.cast(:nobody, :x))}")
    IO.puts("whereis unknown: #{inspect(GenServer.whereis(:nobody))}")
    IO.puts("call via {name, node}: #{GenServer.call({:named_counter, node()}, :get)}")

    # stop/1 and stop/3.
    IO.puts("stop: #{inspect(GenServer.stop(n))}")
    IO.puts("alive after stop: #{Process.alive?(n)}")
    IO.puts("stop/3: #{inspect(GenServer.stop(c, :shutdown, 1000))}")
    IO.puts("alive: #{Process.alive?(c)}")

    # Module-less start: GenServer.start/3 without link.
    {:ok, u} = GenServer.start(Counter, 1)
    {:links, links} = Process.info(self(), :links)
    IO.puts("start/3 not linked: #{not Enum.member?(links, u)}")
    GenServer.stop(u, {:shutdown, :custom})
  end
end

Main.run()
