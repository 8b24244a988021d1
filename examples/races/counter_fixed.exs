# The lost update of lost_update.exs, fixed: the counter process does the increment itself
# ({:increment, from} and a reply once done), so a read and its write can no longer be split by
# another worker's message. Every schedule passes:
#
#   retort explore --runs 1000 examples/races/counter_fixed.exs
#   retort explore --runs 1000 --strategy pct examples/races/counter_fixed.exs

defmodule Counter do
  def start(n), do: spawn(fn -> loop(n) end)

  defp loop(n) do
    receive do
      {:increment, from} ->
        send(from, :incremented)
        loop(n + 1)

      {:read, from} ->
        send(from, {:final, n})
        loop(n)
    end
  end

  # One message: the counter reads and writes in the same step.
  def increment(counter) do
    send(counter, {:increment, self()})

    receive do
      :incremented -> :ok
    end
  end

  def value(counter) do
    send(counter, {:read, self()})

    receive do
      {:final, n} -> n
    end
  end
end

defmodule Worker do
  def run(counter, parent, work) do
    busy(work)
    Counter.increment(counter)
    send(parent, :done)
  end

  defp busy(0), do: :ok
  defp busy(n), do: busy(n - 1)
end

counter = Counter.start(0)
parent = self()
works = [100, 10_000, 20_000]
for w <- works, do: spawn(fn -> Worker.run(counter, parent, w) end)
for _ <- works, do: receive(do: (:done -> :ok))
n = Counter.value(counter)
IO.puts("counter = #{n}")
if n != length(works), do: raise("lost update: #{length(works)} increments, counter = #{n}")
