# :sys.get_state/1,2, replace_state/2, suspend/1, resume/1, change_code/4, get_status/1 on a
# GenServer; ordinary messages wait while suspended and are handled in order after resume.
defmodule Box do
  use GenServer
  def init(s), do: {:ok, s}
  def handle_call(:get, _f, s), do: {:reply, s, s}
  def handle_cast({:push, x}, {:migrated, s}), do: {:noreply, {:migrated, s ++ [x]}}
  def handle_cast({:push, x}, s), do: {:noreply, s ++ [x]}

  def code_change(old_vsn, s, extra) do
    send(:main, {:code_change, old_vsn, extra})
    case s do
      {:migrated, inner} -> {:ok, inner}
      _ -> {:ok, {:migrated, s}}
    end
  end
end

defmodule Main do
  def run do
    Process.register(self(), :main)
    {:ok, p} = GenServer.start(Box, [1])
    IO.puts("get_state: #{inspect(:sys.get_state(p))}")
    IO.puts("get_state/2: #{inspect(:sys.get_state(p, 1000))}")
    IO.puts("replace_state: #{inspect(:sys.replace_state(p, fn s -> s ++ [2] end))}")
    IO.puts("state now: #{inspect(GenServer.call(p, :get))}")

    IO.puts("suspend: #{inspect(:sys.suspend(p))}")
    {:status, _, _, [_, mode | _]} = :sys.get_status(p)
    IO.puts("status while suspended: #{inspect(mode)}")
    for x <- [3, 4, 5], do: GenServer.cast(p, {:push, x})
    Process.sleep(20)
    {:message_queue_len, n} = Process.info(p, :message_queue_len)
    IO.puts("queued while suspended: #{n}")
    IO.puts("get_state while suspended: #{inspect(:sys.get_state(p))}")

    # A call while suspended waits until resume.
    parent = self()
    spawn(fn -> send(parent, {:call_result, GenServer.call(p, :get)}) end)
    receive do
      {:call_result, r} -> IO.puts("call answered while suspended?! #{inspect(r)}")
    after
      100 -> IO.puts("call waits while suspended")
    end

    IO.puts("change_code: #{inspect(:sys.change_code(p, Box, "1.0", :extra))}")
    receive do
      {:code_change, old, extra} -> IO.puts("code_change(#{inspect(old)}, _, #{inspect(extra)})")
    end
    IO.puts("resume: #{inspect(:sys.resume(p))}")
    receive do
      {:call_result, r} -> IO.puts("call after resume: #{inspect(r)}")
    end
    IO.puts("final: #{inspect(:sys.get_state(p))}")

    {:status, pid, {:module, mod}, [pdict, mode, parent_pid, dbg, misc]} = :sys.get_status(p)
    IO.puts("get_status: pid=#{pid == p} module=#{inspect(mod)} mode=#{inspect(mode)} parent=#{parent_pid == p} debug=#{inspect(dbg)} pdict=#{is_list(pdict)} misc=#{is_list(misc)}")

    # change_code on a running (not suspended) server works too (OTP does not check).
    :sys.suspend(p)
    :sys.change_code(p, Box, {:down, "2"}, [])
    receive do
      {:code_change, old, extra} -> IO.puts("code_change(#{inspect(old)}, _, #{inspect(extra)})")
    end
    :sys.resume(p)
    IO.puts("after downgrade: #{inspect(:sys.get_state(p))}")

    # replace_state with a function that raises leaves the state alone and raises in the caller.
    try do
      :sys.replace_state(p, fn _ -> raise "nope" end)
    catch
      kind, reason -> IO.puts("replace_state raising: #{kind} #{inspect(elem(reason, 0))}")
    end
    IO.puts("state kept: #{inspect(:sys.get_state(p))}")

    # :sys.get_state on an Agent.
    {:ok, a} = Agent.start(fn -> %{a: 1} end)
    IO.puts("agent state: #{inspect(:sys.get_state(a))}")
    :sys.replace_state(a, &Map.put(&1, :b, 2))
    IO.puts("agent get: #{inspect(Agent.get(a, & &1))}")

    # Timeouts and dead processes exit the caller.
    GenServer.stop(p)
    try do
      :sys.get_state(p)
    catch
      :exit, {reason, {:sys, :get_state, _}} -> IO.puts("get_state dead: #{inspect(reason)}")
    end
  end
end

Main.run()
