# GenServer init/1 results: {:ok, s}, {:ok, s, timeout} (handle_info(:timeout)),
# {:ok, s, :hibernate}, {:ok, s, {:continue, t}}, :ignore, {:stop, reason}, a raise in init,
# and a bad return value.
defmodule Init do
  use GenServer

  def init({:ok, s}), do: {:ok, s}
  def init({:timeout, s, t}), do: {:ok, s, t}
  def init({:hibernate, s}), do: {:ok, s, :hibernate}
  def init({:continue, s}), do: {:ok, s, {:continue, :more}}
  def init(:ignore), do: :ignore
  def init({:stop, r}), do: {:stop, r}
  def init(:raise), do: raise("init failed")
  def init(:bad), do: :what
  def init({:exit, r}), do: exit(r)

  def handle_info(:timeout, s) do
    send(:main, {:timeout_fired, s})
    {:noreply, s}
  end

  def handle_continue(:more, s) do
    send(:main, {:continued, s})
    {:noreply, [:continued | s]}
  end

  def handle_call(:get, _from, s), do: {:reply, s, s}
end

defmodule Main do
  def run do
    Process.register(self(), :main)
    Process.flag(:trap_exit, true)

    {:ok, p} = GenServer.start_link(Init, {:ok, :state})
    IO.puts("{:ok, s}: #{inspect(GenServer.call(p, :get))}")

    {:ok, p} = GenServer.start_link(Init, {:timeout, :timed, 50})
    receive do
      {:timeout_fired, s} -> IO.puts("{:ok, s, 50} -> handle_info(:timeout): #{inspect(s)}")
    end
    _ = p

    # A message before the timeout cancels it.
    {:ok, p} = GenServer.start_link(Init, {:timeout, :cancelled, 100})
    IO.puts("call before timeout: #{inspect(GenServer.call(p, :get))}")
    receive do
      {:timeout_fired, s} -> IO.puts("timeout fired anyway: #{inspect(s)}")
    after
      300 -> IO.puts("no timeout after a call")
    end

    {:ok, p} = GenServer.start_link(Init, {:hibernate, :sleepy})
    IO.puts("hibernate: #{inspect(GenServer.call(p, :get))}")

    {:ok, p} = GenServer.start_link(Init, {:continue, [:init]})
    receive do
      {:continued, s} -> IO.puts("continue ran before any call with: #{inspect(s)}")
    end
    IO.puts("after continue: #{inspect(GenServer.call(p, :get))}")

    IO.puts(":ignore: #{inspect(GenServer.start_link(Init, :ignore))}")
    flush("after :ignore")

    IO.puts("{:stop, r}: #{inspect(GenServer.start_link(Init, {:stop, :no_way}))}")
    flush("after {:stop, r}")

    IO.puts("start (no link) {:stop, r}: #{inspect(GenServer.start(Init, {:stop, :nope}))}")

    {:error, {e, stack}} = GenServer.start(Init, :raise)
    IO.puts("raise in init: #{inspect(e)} #{is_list(stack)}")
    Process.sleep(50)

    IO.puts("bad return: #{inspect(GenServer.start(Init, :bad))}")
    Process.sleep(50)

    IO.puts("exit in init: #{inspect(GenServer.start(Init, {:exit, :bye}))}")
    Process.sleep(50)
    IO.puts("done")
  end

  def flush(label) do
    receive do
      m -> IO.puts("#{label}: #{inspect(m)}")
      flush(label)
    after
      20 -> :ok
    end
  end
end

Main.run()
