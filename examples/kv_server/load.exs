# Drives load against a running kv_server from outside the node (its own OS process):
#
#   retort run examples/kv_server/load.exs PORT [CONNECTIONS] [SECONDS]   (or `elixir ...`)
#
# Opens CONNECTIONS connections (default 50) and keeps each busy for SECONDS seconds (default
# 10) with PUT/GET pairs on keys of its own, checking every reply. Works against every version
# (v1, v2, v3 answer PUT and GET alike), so it can run across upgrades. Prints the requests
# made, the failed ones, the connections dropped, and the p50/p99 latency; exits 1 if anything
# failed.
defmodule KVLoad do
  def connection(parent, port, id, deadline) do
    case :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, packet: :line, active: false], 5000) do
      {:ok, s} -> send(parent, {:done, self(), loop(s, id, 0, deadline, [], 0)})
      {:error, reason} -> send(parent, {:done, self(), {:dropped, "connect: #{inspect(reason)}", [], 0}})
    end
  end

  defp loop(s, id, i, deadline, samples, failed) do
    if :erlang.monotonic_time(:millisecond) >= deadline do
      :gen_tcp.close(s)
      {:ok, samples, failed}
    else
      key = "load_#{id}_#{rem(i, 100)}"
      value = "v#{i}"

      with {:ok, t1} <- ask(s, "PUT #{key} #{value}", "OK"),
           {:ok, t2} <- ask(s, "GET #{key}", "VALUE #{value}") do
        loop(s, id, i + 1, deadline, [t1, t2 | samples], failed)
      else
        {:wrong, t} -> loop(s, id, i + 1, deadline, [t | samples], failed + 1)
        {:error, reason} -> {:dropped, inspect(reason), samples, failed}
      end
    end
  end

  # One request; {:ok, microseconds}, {:wrong, microseconds} or {:error, reason}.
  defp ask(s, request, want) do
    t0 = :erlang.monotonic_time(:microsecond)

    with :ok <- :gen_tcp.send(s, request <> "\n"),
         {:ok, line} <- :gen_tcp.recv(s, 0, 10_000) do
      t = :erlang.monotonic_time(:microsecond) - t0
      if String.trim_trailing(line) == want, do: {:ok, t}, else: {:wrong, t}
    end
  end

  def percentile([], _), do: 0
  def percentile(sorted, p), do: Enum.at(sorted, min(length(sorted) - 1, div(length(sorted) * p, 100)))
end

{port, conns, seconds} =
  case System.argv() do
    [p] -> {String.to_integer(p), 50, 10}
    [p, c] -> {String.to_integer(p), String.to_integer(c), 10}
    [p, c, t | _] -> {String.to_integer(p), String.to_integer(c), String.to_integer(t)}
    _ -> raise ArgumentError, "usage: load.exs PORT [CONNECTIONS] [SECONDS]"
  end

deadline = :erlang.monotonic_time(:millisecond) + seconds * 1000
me = self()
pids = for id <- 1..conns, do: spawn(fn -> KVLoad.connection(me, port, id, deadline) end)

results =
  for pid <- pids do
    receive do
      {:done, ^pid, result} -> result
    end
  end

samples = results |> Enum.flat_map(fn r -> elem(r, 1) end) |> Enum.sort()
failed = results |> Enum.map(fn r -> elem(r, 2) end) |> Enum.sum()
dropped = Enum.filter(results, fn r -> elem(r, 0) == :dropped end)
Enum.each(dropped, fn {:dropped, why, _, _} -> IO.puts(:stderr, "dropped: #{why}") end)
ms = fn us -> :erlang.float_to_binary(us / 1000, decimals: 2) end

IO.puts(
  "requests #{length(samples)}, failed #{failed}, dropped connections #{length(dropped)}, " <>
    "p50 #{ms.(KVLoad.percentile(samples, 50))} ms, p99 #{ms.(KVLoad.percentile(samples, 99))} ms"
)

if failed > 0 or dropped != [], do: System.halt(1)
