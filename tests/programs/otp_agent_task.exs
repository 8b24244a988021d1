# Agent and Task.
defmodule L do
  def map([], _f), do: []
  def map([h | t], f), do: [f.(h) | map(t, f)]
end

{:ok, agent} = Agent.start_link(fn -> %{} end)
IO.puts("get: #{inspect(Agent.get(agent, & &1))}")
IO.puts("update: #{inspect(Agent.update(agent, &Map.put(&1, :a, 1)))}")
IO.puts("get_and_update: #{inspect(Agent.get_and_update(agent, fn s -> {Map.get(s, :a), Map.put(s, :a, 2)} end))}")
IO.puts("cast: #{inspect(Agent.cast(agent, &Map.put(&1, :b, 3)))}")
IO.puts("get: #{inspect(Agent.get(agent, fn s -> s end))}")
IO.puts("mfa get: #{inspect(Agent.get(agent, Map, :get, [:b]))}")
IO.puts("stop: #{inspect(Agent.stop(agent))}")
IO.puts("alive: #{Process.alive?(agent)}")

{:ok, named} = Agent.start_link(fn -> 0 end, name: :counter)
Agent.update(:counter, &(&1 + 5))
IO.puts("named: #{inspect(Agent.get(:counter, & &1))} #{Process.whereis(:counter) == named}")
{:ok, mfa_agent} = Agent.start(List, :duplicate, [:x, 2])
IO.puts("mfa start: #{inspect(Agent.get(mfa_agent, & &1))}")
IO.puts("sys state: #{inspect(:sys.get_state(mfa_agent))}")

task = Task.async(fn -> 1 + 1 end)
IO.puts("task struct: #{inspect(Map.keys(task))} owner=#{task.owner == self()}")
IO.puts("await: #{inspect(Task.await(task))}")
tasks = L.map([1, 2, 3, 4], fn i -> Task.async(fn -> i * i end) end)
IO.puts("await_many: #{inspect(Task.await_many(tasks))}")
IO.puts("mfa task: #{inspect(Task.await(Task.async(:lists, :sum, [[1, 2, 3]])))}")
IO.puts("mailbox: #{inspect(Process.info(self(), :messages))}")

slow = Task.async(fn -> Process.sleep(1000) end)
try do
  Task.await(slow, 10)
catch
  :exit, {reason, {Task, :await, [_, timeout]}} -> IO.puts("await timeout: #{inspect(reason)} #{timeout}")
end

parent = self()
{:ok, pid} = Task.start(fn -> send(parent, {:from_task, :hi}) end)
receive do
  {:from_task, x} -> IO.puts("start: #{inspect(x)} #{is_pid(pid)}")
end
{:ok, _} = Task.start_link(fn -> send(parent, :linked_done) end)
receive do
  :linked_done -> IO.puts("start_link done")
end

:logger.set_primary_config(:level, :none)
Process.flag(:trap_exit, true)
crashing = Task.async(fn -> exit(:boom) end)
try do
  Task.await(crashing)
catch
  :exit, {reason, {Task, :await, _}} -> IO.puts("await crashed task: #{inspect(reason)}")
end
