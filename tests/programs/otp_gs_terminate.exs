# terminate/2: on stop, on {:stop, ...} returns, when the callback raises, on the parent's
# exit when trapping exits (and not when not trapping), on Process.exit(pid, :shutdown)
# from the parent, not on :kill.
defmodule T do
  use GenServer

  def init({trap, tag}) do
    Process.flag(:trap_exit, trap)
    {:ok, tag}
  end

  def handle_call(:crash, _f, _s), do: raise("crash in call")
  def handle_call(:get, _f, s), do: {:reply, s, s}
  def handle_cast(:bad_return, s), do: {:what, s}
  def handle_info({:EXIT, _from, reason}, s) when reason == :from_info, do: {:stop, reason, s}

  def terminate(reason, tag) do
    send(:main, {:terminate, tag, reason})
  end
end

defmodule Main do
  def expect(label) do
    # Let an error report print first.
    Process.sleep(50)
    receive do
      {:terminate, tag, reason} -> IO.puts("#{label}: terminate(#{inspect(reason)}) tag=#{inspect(tag)}")
    after
      200 -> IO.puts("#{label}: no terminate")
    end
  end

  def run do
    Process.register(self(), :main)

    {:ok, p} = GenServer.start(T, {false, :stop_normal})
    GenServer.stop(p)
    expect("stop/1")

    {:ok, p} = GenServer.start(T, {false, :stop_reason})
    GenServer.stop(p, {:shutdown, :because})
    expect("stop/2")

    # A crash in handle_call: the caller exits; terminate sees {exception, stack}.
    # (Its error report names OTP's internal frames: keep it out of the output.)
    Logger.configure(level: :none)
    {:ok, p} = GenServer.start(T, {false, :crash})
    try do
      GenServer.call(p, :crash)
    catch
      :exit, {{%RuntimeError{message: m}, _stack}, {GenServer, :call, [_, :crash, 5000]}} ->
        IO.puts("caller exit: RuntimeError #{inspect(m)}")
    end
    receive do
      {:terminate, tag, {%RuntimeError{message: m}, stack}} ->
        IO.puts("crash: terminate tag=#{inspect(tag)} #{inspect(m)} stack=#{is_list(stack)}")
    end
    Process.sleep(50)
    Logger.configure(level: :debug)

    # A bad return value stops the server with {:bad_return_value, value}.
    {:ok, p} = GenServer.start(T, {false, :bad_return})
    GenServer.cast(p, :bad_return)
    expect("bad return")
    Process.sleep(50)

    # Parent exits while the server traps exits: terminate runs with the parent's reason.
    parent = self()
    spawn(fn ->
      {:ok, s} = GenServer.start_link(T, {true, :trapping_child})
      send(parent, {:started, s})
      exit(:parent_done)
    end)
    receive do
      {:started, _} -> :ok
    end
    expect("parent exit, trapping")

    # Not trapping: the server dies with the parent, terminate does not run.
    spawn(fn ->
      {:ok, s} = GenServer.start_link(T, {false, :plain_child})
      send(parent, {:started, s})
      exit(:parent_done)
    end)
    s = receive do
      {:started, s} -> s
    end
    expect("parent exit, not trapping")
    IO.puts("plain child alive: #{Process.alive?(s)}")

    # Trapping, exit signal from a non-parent: an {:EXIT, ...} message to handle_info.
    {:ok, s} = GenServer.start(T, {true, :from_other})
    Process.exit(s, :from_info)
    expect("EXIT from a non-parent via handle_info")

    # :kill: no terminate.
    {:ok, s} = GenServer.start(T, {true, :killed})
    Process.exit(s, :kill)
    expect("kill")
  end
end

Main.run()
