# A lost update: each worker increments a shared counter by reading it ({:get, from}) and then
# writing the value plus one ({:set, v}), in two messages. Another worker's read that lands
# between them reads the same value, and one increment is lost.
#
# The workers do different amounts of work before their increment, so under the plain
# scheduler (round robin, 4000 reductions a slice) their increments never overlap and the
# script passes. Only some interleavings break it:
#
#   retort explore --runs 500 examples/races/lost_update.exs
#
# finds one, prints its seed and the command that replays it. The fix is in counter_fixed.exs.

defmodule Counter do
  def start(n), do: spawn(fn -> loop(n) end)

  defp loop(n) do
    receive do
      {:get, from} ->
        send(from, {:value, n})
        loop(n)

      {:set, v} ->
        loop(v)

      {:read, from} ->
        send(from, {:final, n})
        loop(n)
    end
  end

  # Read, then write: the window between the two messages is the race.
  def increment(counter) do
    send(counter, {:get, self()})

    v =
      receive do
        {:value, v} -> v
      end

    send(counter, {:set, v + 1})
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
