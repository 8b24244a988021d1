# Every handle_call/handle_cast/handle_info/handle_continue return form.
defmodule R do
  use GenServer

  def init(s), do: {:ok, s}

  # handle_call
  def handle_call(:reply, _f, s), do: {:reply, :r1, s + 1}
  def handle_call(:reply_timeout, _f, s), do: {:reply, :r2, s + 1, 50}
  def handle_call(:reply_hibernate, _f, s), do: {:reply, :r3, s + 1, :hibernate}
  def handle_call(:reply_continue, _f, s), do: {:reply, :r4, s + 1, {:continue, :from_call}}
  def handle_call(:noreply, from, s) do
    spawn(fn -> GenServer.reply(from, :r5) end)
    {:noreply, s + 1}
  end
  def handle_call(:noreply_timeout, from, s) do
    GenServer.reply(from, :r6)
    {:noreply, s + 1, 50}
  end
  def handle_call(:noreply_continue, from, s) do
    GenServer.reply(from, :r7)
    {:noreply, s + 1, {:continue, :from_noreply}}
  end
  def handle_call(:stop_reply, _f, s), do: {:stop, :normal, :stopping, s}
  def handle_call(:stop_noreply, from, s) do
    GenServer.reply(from, :replied_before_stop)
    {:stop, :normal, s}
  end
  def handle_call(:get, _f, s), do: {:reply, s, s}

  # handle_cast
  def handle_cast(:noreply, s), do: {:noreply, s + 10}
  def handle_cast(:noreply_timeout, s), do: {:noreply, s + 10, 30}
  def handle_cast(:noreply_continue, s), do: {:noreply, s + 10, {:continue, :from_cast}}
  def handle_cast(:noreply_hibernate, s), do: {:noreply, s + 10, :hibernate}
  def handle_cast(:stop, s), do: {:stop, :normal, s}

  # handle_info
  def handle_info(:timeout, s) do
    send(:main, {:timeout, s})
    {:noreply, s}
  end
  def handle_info(:info_continue, s), do: {:noreply, s + 100, {:continue, :from_info}}
  def handle_info(:info_timeout, s), do: {:noreply, s + 100, 20}
  def handle_info(:info_stop, s), do: {:stop, :normal, s}
  def handle_info(_, s), do: {:noreply, s}

  # handle_continue: chains and every form.
  def handle_continue(:from_call, s) do
    send(:main, {:continue, :from_call, s})
    {:noreply, s, {:continue, :chained}}
  end
  def handle_continue(:chained, s) do
    send(:main, {:continue, :chained, s})
    {:noreply, s}
  end
  def handle_continue(:from_noreply, s) do
    send(:main, {:continue, :from_noreply, s})
    {:noreply, s, 30}
  end
  def handle_continue(tag, s) do
    send(:main, {:continue, tag, s})
    {:noreply, s}
  end

  def terminate(reason, s), do: send(:main, {:terminate, reason, s})
end

defmodule Main do
  def expect(label) do
    receive do
      m -> IO.puts("#{label}: #{inspect(m)}")
    after
      200 -> IO.puts("#{label}: nothing")
    end
  end

  def run do
    Process.register(self(), :main)
    {:ok, p} = GenServer.start(R, 0)
    IO.puts("reply: #{GenServer.call(p, :reply)}")
    IO.puts("reply timeout: #{GenServer.call(p, :reply_timeout)}")
    expect("  then")
    IO.puts("reply hibernate: #{GenServer.call(p, :reply_hibernate)}")
    IO.puts("reply continue: #{GenServer.call(p, :reply_continue)}")
    expect("  then")
    expect("  then")
    IO.puts("noreply (reply from another process): #{GenServer.call(p, :noreply)}")
    IO.puts("noreply timeout: #{GenServer.call(p, :noreply_timeout)}")
    expect("  then")
    IO.puts("noreply continue: #{GenServer.call(p, :noreply_continue)}")
    expect("  then")
    expect("  then")

    GenServer.cast(p, :noreply)
    IO.puts("cast noreply: #{GenServer.call(p, :get)}")
    GenServer.cast(p, :noreply_timeout)
    expect("cast noreply timeout")
    GenServer.cast(p, :noreply_continue)
    expect("cast noreply continue")
    GenServer.cast(p, :noreply_hibernate)
    IO.puts("cast hibernate: #{GenServer.call(p, :get)}")

    send(p, :info_continue)
    expect("info continue")
    send(p, :info_timeout)
    expect("info timeout")
    send(p, :unknown)
    IO.puts("state: #{GenServer.call(p, :get)}")

    IO.puts("stop with reply: #{GenServer.call(p, :stop_reply)}")
    expect("  then")

    {:ok, p} = GenServer.start(R, 0)
    IO.puts("stop, reply first: #{GenServer.call(p, :stop_noreply)}")
    expect("  then")

    {:ok, p} = GenServer.start(R, 1)
    GenServer.cast(p, :stop)
    expect("cast stop")

    {:ok, p} = GenServer.start(R, 2)
    send(p, :info_stop)
    expect("info stop")
  end
end

Main.run()
