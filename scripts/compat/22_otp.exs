# feature: OTP: GenServer, Supervisor, Agent, Task
# case: Agent
{:ok, a} = Agent.start_link(fn -> 0 end)
Agent.update(a, &(&1 + 5))
IO.inspect(Agent.get(a, & &1))
# case: Task
IO.inspect(Task.async(fn -> 1 + 1 end) |> Task.await())
IO.inspect(Enum.map([1, 2], fn x -> Task.async(fn -> x * 10 end) end) |> Task.await_many())
# case: Supervisor restarts a child
defmodule W do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: :w)
  def init(n), do: {:ok, n}
end
{:ok, _} = Supervisor.start_link([W], strategy: :one_for_one)
old = Process.whereis(:w)
Process.exit(old, :kill)
Process.sleep(50)
IO.inspect({is_pid(Process.whereis(:w)), Process.whereis(:w) != old})
# case: Task.async_stream
IO.inspect(Task.async_stream([1, 2, 3], &(&1 * 2)) |> Enum.to_list())
