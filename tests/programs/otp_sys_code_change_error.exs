# :sys.change_code when code_change/3 raises, throws, exits or returns {:error, r}: the server
# keeps running its old state and change_code returns {:error, reason}.
defmodule Bad do
  use GenServer
  def init(s), do: {:ok, s}
  def handle_call(:get, _f, s), do: {:reply, s, s}

  def code_change(:raise, _s, _), do: raise("migration failed")
  def code_change(:throw, _s, _), do: throw(:thrown)
  def code_change(:exit, _s, _), do: exit(:exited)
  def code_change(:error, _s, _), do: {:error, :refused}
  def code_change(:ok, s, _), do: {:ok, s * 10}
end

defmodule Main do
  def run do
    {:ok, p} = GenServer.start(Bad, 1)
    :sys.suspend(p)

    {:error, {:EXIT, {%RuntimeError{message: m}, stack}}} = :sys.change_code(p, Bad, :raise, [])
    IO.puts("raise: {:error, {:EXIT, {RuntimeError #{inspect(m)}, stack?=#{is_list(stack)}}}}")
    IO.puts("throw: #{inspect(:sys.change_code(p, Bad, :throw, []))}")
    IO.puts("exit: #{inspect(:sys.change_code(p, Bad, :exit, []))}")
    IO.puts("error: #{inspect(:sys.change_code(p, Bad, :error, []))}")
    IO.puts("state after failures: #{inspect(:sys.get_state(p))}")
    IO.puts("alive: #{Process.alive?(p)}")
    IO.puts("ok: #{inspect(:sys.change_code(p, Bad, :ok, []))}")
    :sys.resume(p)
    IO.puts("state after success: #{inspect(GenServer.call(p, :get))}")

    # A module without code_change/3 (use GenServer's default) keeps the state.
    {:ok, a} = Agent.start(fn -> :agent_state end)
    :sys.suspend(a)
    IO.puts("agent change_code: #{inspect(:sys.change_code(a, Agent, :v, fn s -> {:upgraded, s} end))}")
    {:error, {:EXIT, {reason, _stack}}} = :sys.change_code(a, Agent, :v, [])
    IO.puts("agent change_code with a non-fun: #{inspect(reason)}")
    :sys.resume(a)
    IO.puts("agent state: #{inspect(Agent.get(a, & &1))}")
  end
end

Main.run()
