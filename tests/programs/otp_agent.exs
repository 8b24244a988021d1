# Agent: start_link/start (with name:), get/update/get_and_update/cast (fun and MFA forms),
# stop, timeouts, and a crash in the agent's function.
defmodule Main do
  def add(state, n), do: state + n

  def run do
    {:ok, a} = Agent.start_link(fn -> 0 end)
    IO.puts("get: #{Agent.get(a, & &1)}")
    IO.puts("update: #{inspect(Agent.update(a, &(&1 + 5)))}")
    IO.puts("get_and_update: #{inspect(Agent.get_and_update(a, fn s -> {s, s * 2} end))}")
    IO.puts("after: #{Agent.get(a, & &1)}")
    IO.puts("cast: #{inspect(Agent.cast(a, &(&1 + 1)))}")
    IO.puts("after cast: #{Agent.get(a, & &1)}")
    IO.puts("get/3 mfa: #{Agent.get(a, Main, :add, [100])}")
    Agent.update(a, Main, :add, [10])
    Agent.cast(a, Main, :add, [1])
    IO.puts("update/cast mfa: #{Agent.get(a, & &1)}")

    {:ok, _} = Agent.start_link(fn -> %{} end, name: :kv)
    Agent.update(:kv, &Map.put(&1, :x, 1))
    IO.puts("named: #{inspect(Agent.get(:kv, & &1))}")
    IO.puts("already started: #{match?({:error, {:already_started, _}}, Agent.start(fn -> 1 end, name: :kv))}")

    {:ok, slow} = Agent.start(fn -> :slow end)
    try do
      Agent.get(slow, fn s -> Process.sleep(200); s end, 50)
    catch
      :exit, {reason, {GenServer, :call, _}} -> IO.puts("timeout: #{inspect(reason)}")
    end

    IO.puts("stop: #{inspect(Agent.stop(a))}")
    IO.puts("alive: #{Process.alive?(a)}")
    try do
      Agent.get(a, & &1)
    catch
      :exit, {reason, _} -> IO.puts("get on stopped agent: #{inspect(reason)}")
    end

    # An init function that raises: start returns an error.
    Logger.configure(level: :none)
    {:error, {%RuntimeError{message: m}, _}} = Agent.start(fn -> raise "bad init" end)
    IO.puts("init raised: #{m}")
    Process.sleep(20)
    Logger.configure(level: :debug)
  end
end

Main.run()
