# `Process.flag(:max_heap_size, _)`: a runaway process is killed alone with reason `:killed`;
# the rest of the program goes on. (`error_logger: false` here: the report's GC figures are the
# BEAM collector's own; tests/robustness.rs checks retort's report.)
defmodule Heap do
  def wait(pid, ref) do
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> reason
    end
  end

  def quiet(size), do: %{size: size, kill: true, error_logger: false}
end

# Old values and the setting as Process.info shows it.
IO.inspect(Process.flag(:max_heap_size, %{size: 0, kill: true, error_logger: true}))
IO.inspect(Process.info(self(), :max_heap_size))

# A list grown step by step in language code.
{pid, ref} = spawn_monitor(fn ->
  Process.flag(:max_heap_size, Heap.quiet(100_000))
  Enum.reduce(1..10_000_000, [], fn i, acc -> [i | acc] end)
end)
IO.inspect(Heap.wait(pid, ref), label: "reduce")

# A big list built by one native call.
{pid, ref} = spawn_monitor(fn ->
  Process.flag(:max_heap_size, Heap.quiet(200_000))
  List.duplicate(:a, 1_000_000) |> length() |> IO.inspect()
end)
IO.inspect(Heap.wait(pid, ref), label: "duplicate")

{pid, ref} = spawn_monitor(fn ->
  Process.flag(:max_heap_size, Heap.quiet(200_000))
  Enum.to_list(1..1_000_000) |> length() |> IO.inspect()
end)
IO.inspect(Heap.wait(pid, ref), label: "to_list")

# Without kill, the process goes on.
{pid, ref} = spawn_monitor(fn ->
  old = Process.flag(:max_heap_size, %{size: 100_000, kill: false, error_logger: false})
  IO.inspect(old, label: "old")
  IO.inspect(Process.info(self(), :max_heap_size))
  Enum.to_list(1..300_000) |> length() |> IO.inspect()
end)
IO.inspect(Heap.wait(pid, ref), label: "no kill")

# Trapping exits does not save it, and a linked process sees `:killed`.
Process.flag(:trap_exit, true)
pid = spawn_link(fn ->
  Process.flag(:trap_exit, true)
  Process.flag(:max_heap_size, Heap.quiet(10_000))
  Enum.map(1..100_000, &{&1})
end)
receive do
  {:EXIT, ^pid, reason} -> IO.inspect(reason, label: "linked")
end

# A process within its limit ends normally.
{pid, ref} = spawn_monitor(fn ->
  Process.flag(:max_heap_size, Heap.quiet(1_000_000))
  Enum.sum(Enum.to_list(1..1000)) |> IO.inspect()
end)
IO.inspect(Heap.wait(pid, ref), label: "small")

for bad <- [-1, :big, %{size: -5}, %{size: 10, kill: :maybe}, %{size: 10, other: true}] do
  try do
    Process.flag(:max_heap_size, bad)
  rescue
    e -> IO.puts("#{inspect(bad)}: #{inspect(e.__struct__)}")
  end
end
IO.puts("main alive")
