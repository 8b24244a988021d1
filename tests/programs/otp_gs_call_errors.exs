# GenServer.call failure paths: timeout (the exit reason as Elixir prints it), a dead
# server (:noproc), an unregistered name, the server dying during the call, a call to self,
# and a late reply never reaching the caller's mailbox.
defmodule Slow do
  use GenServer
  def init(s), do: {:ok, s}

  def handle_call({:sleep, ms}, _f, s) do
    Process.sleep(ms)
    {:reply, :slept, s}
  end

  def handle_call(:die, _f, s), do: {:stop, :died, s}
  def handle_call(:exit, _f, _s), do: exit(:exited_in_call)
  def handle_call(:get, _f, s), do: {:reply, s, s}
end

defmodule Main do
  def catch_exit(fun) do
    try do
      fun.()
    catch
      :exit, reason -> {:exit, reason}
    end
  end

  def run do
    {:ok, p} = GenServer.start(Slow, :s)

    {:exit, reason} = catch_exit(fn -> GenServer.call(p, {:sleep, 200}, 50) end)
    {:timeout, {GenServer, :call, [pid, req, t]}} = reason
    IO.puts("timeout: {:timeout, {GenServer, :call, [pid?=#{pid == p}, #{inspect(req)}, #{t}]}}")
    IO.puts("formatted: #{Exception.format_exit(reason) |> String.replace(inspect(p), "PID")}")

    # The late reply is dropped.
    Process.sleep(300)
    IO.puts("mailbox after late reply: #{inspect(Process.info(self(), :messages))}")
    IO.puts("server still works: #{inspect(GenServer.call(p, :get))}")

    # Dead server: :noproc.
    GenServer.stop(p)
    {:exit, reason} = catch_exit(fn -> GenServer.call(p, :get) end)
    {:noproc, {GenServer, :call, [_, :get, 5000]}} = reason
    IO.puts("dead server: :noproc")
    IO.puts("formatted: #{Exception.format_exit(reason) |> String.replace(inspect(p), "PID")}")

    # Unregistered name: :noproc too.
    {:exit, reason} = catch_exit(fn -> GenServer.call(:nobody_here, :get) end)
    IO.puts("unknown name: #{inspect(reason)}")
    IO.puts("formatted: #{Exception.format_exit(reason)}")

    # The server stops during the call. (The error reports show the client's stack, which
    # names OTP's internal frames: keep them out of the output.)
    Logger.configure(level: :none)
    {:ok, p} = GenServer.start(Slow, :s)
    {:exit, reason} = catch_exit(fn -> GenServer.call(p, :die) end)
    {r, {GenServer, :call, [_, :die, 5000]}} = reason
    IO.puts("server stopped in call: #{inspect(r)}")
    Process.sleep(50)

    {:ok, p} = GenServer.start(Slow, :s)
    {:exit, reason} = catch_exit(fn -> GenServer.call(p, :exit) end)
    {r, _} = reason
    IO.puts("server exited in call: #{inspect(r)}")
    Process.sleep(50)
    Logger.configure(level: :debug)

    # Calling yourself.
    {:exit, reason} = catch_exit(fn -> GenServer.call(self(), :get) end)
    {r, _} = reason
    IO.puts("call to self: #{inspect(r)}")

    # An uncaught call timeout kills the caller with that reason.
    {:ok, p} = GenServer.start(Slow, :s)
    {c, ref} = spawn_monitor(fn -> GenServer.call(p, {:sleep, 100}, 10) end)
    receive do
      {:DOWN, ^ref, :process, ^c, {:timeout, {GenServer, :call, _}}} -> IO.puts("uncaught timeout kills the caller")
    end
    Process.sleep(200)
  end
end

Main.run()
