# Task: async/await, await with a timeout (the caller exits), yield, shutdown, start, start_link,
# a crash in a linked task taking the caller down (seen from a monitor).
defmodule Main do
  def run do
    t = Task.async(fn -> 1 + 1 end)
    IO.puts("await: #{Task.await(t)}")
    ts = for i <- 1..5, do: Task.async(fn -> Process.sleep(10 * (6 - i)); i * i end)
    IO.puts("await_many order: #{inspect(Task.await_many(ts))}")

    slow = Task.async(fn -> Process.sleep(1000); :late end)
    try do
      Task.await(slow, 50)
    catch
      :exit, {:timeout, {Task, :await, [_, 50]}} -> IO.puts("await timeout: {:timeout, {Task, :await, [task, 50]}}")
    end

    y = Task.async(fn -> Process.sleep(100); :yielded end)
    IO.puts("yield early: #{inspect(Task.yield(y, 10))}")
    IO.puts("yield later: #{inspect(Task.yield(y, 500))}")

    s = Task.async(fn -> Process.sleep(1000) end)
    IO.puts("shutdown: #{inspect(Task.shutdown(s))}")

    parent = self()
    {:ok, pid} = Task.start(fn -> send(parent, :from_start) end)
    receive do
      :from_start -> IO.puts("start: #{is_pid(pid)}")
    end
    {:ok, pid} = Task.start_link(fn -> send(parent, :from_start_link) end)
    receive do
      :from_start_link -> IO.puts("start_link: #{is_pid(pid)}")
    end

    # A crash in a linked task kills the caller (here a spawned process we monitor).
    Logger.configure(level: :none)
    {caller, ref} = spawn_monitor(fn ->
      Task.async(fn -> exit(:task_failed) end)
      Process.sleep(1000)
    end)
    receive do
      {:DOWN, ^ref, :process, ^caller, reason} -> IO.puts("caller died with: #{inspect(reason)}")
    end
    {caller, ref} = spawn_monitor(fn ->
      Task.start_link(fn -> raise "task raised" end)
      Process.sleep(1000)
    end)
    receive do
      {:DOWN, ^ref, :process, ^caller, {%RuntimeError{message: m}, _}} -> IO.puts("caller died with the task's exception: #{m}")
    end

    # Trapping exits: the caller gets the EXIT message and await exits with the reason.
    Process.flag(:trap_exit, true)
    t = Task.async(fn -> exit(:bad) end)
    try do
      Task.await(t)
    catch
      :exit, {reason, {Task, :await, _}} -> IO.puts("await crashed task: #{inspect(reason)}")
    end
    Process.sleep(20)
    Logger.configure(level: :debug)
  end
end

Main.run()
