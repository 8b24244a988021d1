# Task.async_stream/2..5 (max_concurrency, ordered, timeout, on_timeout, zip_input_on_exit),
# Task.yield_many/1,2, Task.completed/1 and Task.ignore/1.
IO.inspect(Task.async_stream(1..5, fn x -> x * 2 end) |> Enum.to_list(), label: "ordered")
IO.inspect(Task.async_stream([], fn x -> x end) |> Enum.to_list(), label: "empty")

unordered =
  Task.async_stream([3, 1, 2], fn x -> Process.sleep(x * 40); x end, ordered: false, max_concurrency: 3)
  |> Enum.to_list()
IO.inspect(unordered, label: "unordered, by completion")

IO.inspect(Task.async_stream([3, 1, 2], Kernel, :*, [10], max_concurrency: 2) |> Enum.to_list(), label: "mfa")
IO.inspect(Task.async_stream([255, 10], Integer, :to_string, [16]) |> Enum.to_list(), label: "mfa/4")

# At most max_concurrency tasks run at once.
{:ok, counter} = Agent.start_link(fn -> {0, 0} end)
peak =
  1..8
  |> Task.async_stream(
    fn _ ->
      Agent.update(counter, fn {now, peak} -> {now + 1, max(peak, now + 1)} end)
      Process.sleep(20)
      Agent.update(counter, fn {now, peak} -> {now - 1, peak} end)
    end,
    max_concurrency: 3
  )
  |> Enum.to_list()
  |> length()
IO.inspect({peak, Agent.get(counter, fn {_, p} -> p end)}, label: "results and peak concurrency")

killed = Task.async_stream([1, 300, 2], fn x -> Process.sleep(x); x end, timeout: 100, on_timeout: :kill_task) |> Enum.to_list()
IO.inspect(killed, label: "kill_task")
zipped =
  Task.async_stream([1, 300, 2], fn x -> Process.sleep(x); x end, timeout: 100, on_timeout: :kill_task, zip_input_on_exit: true)
  |> Enum.to_list()
IO.inspect(zipped, label: "zip_input_on_exit")

IO.inspect(Task.async_stream(Stream.iterate(1, &(&1 + 1)), fn x -> x * x end) |> Enum.take(3), label: "infinite input")
IO.inspect(Task.async_stream(1..6, &(&1 + 1)) |> Stream.map(fn {:ok, v} -> v end) |> Enum.sum(), label: "composed")

try do
  Task.async_stream([1, 1000], fn x -> Process.sleep(x); x end, timeout: 100) |> Enum.to_list()
catch
  :exit, r -> IO.inspect(r, label: "timeout exits the caller")
end

t = Task.completed(:done)
IO.inspect(t.pid, label: "completed pid")
IO.inspect(Task.await(t), label: "completed await")
IO.inspect(Task.yield(Task.completed(7)), label: "completed yield")

Process.flag(:trap_exit, true)
tasks = [Task.async(fn -> :fast end), Task.async(fn -> Process.sleep(500); :slow end), Task.async(fn -> exit(:normal) end)]
IO.inspect(Task.yield_many(tasks, 100) |> Enum.map(fn {t, r} -> {is_struct(t, Task), r} end), label: "yield_many")
IO.inspect(Task.yield_many([Enum.at(tasks, 1)], 1000) |> Enum.map(&elem(&1, 1)), label: "yield_many again")

crashed = Task.async_stream([1, 2], fn 2 -> exit(:normal); x -> x end) |> Enum.to_list()
IO.inspect(crashed, label: "a crash while trapping exits")

ig = Task.async(fn -> Process.sleep(50); :ignored end)
IO.inspect(Task.ignore(ig), label: "ignore running")
ig2 = Task.async(fn -> :quick end)
Process.sleep(20)
IO.inspect(Task.ignore(ig2), label: "ignore finished")
Process.sleep(100)
receive do
  {ref, _} when is_reference(ref) -> IO.puts("unexpected reply")
after
  0 -> IO.puts("no reply from an ignored task")
end
