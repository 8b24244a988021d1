# The BEAM side of tests/dist_interop.rs's upgrade test: calls retort's :counter every 2 ms;
# after 100 replies it asks retort to upgrade the server (suspend, load, change_code,
# resume), and goes on until 200 replies of the new version came. No call may fail and the
# count must go on from where it was (the state is kept).
defmodule Caller do
  def run(r, rmain, replies, failures) do
    res =
      try do
        GenServer.call({:counter, r}, :bump, 10_000)
      catch
        :exit, e -> {:failed, e}
      end

    {replies, failures} =
      case res do
        {:failed, e} -> {replies, [e | failures]}
        {v, n} -> {[{v, n} | replies], failures}
      end

    if length(replies) == 100, do: send(rmain, :upgrade_now)
    v2 = Enum.count(replies, fn {v, _} -> v == 2 end)

    if v2 >= 200 or length(replies) + length(failures) >= 20_000 do
      {Enum.reverse(replies), failures}
    else
      Process.sleep(2)
      run(r, rmain, replies, failures)
    end
  end
end

Process.register(self(), :beam_main)
IO.puts("beam ready")

receive do
  {:go, rmain} ->
    {replies, failures} = Caller.run(:"r@127.0.0.1", rmain, [], [])
    ns = Enum.map(replies, fn {_, n} -> n end)
    IO.puts("beam calls failed: #{length(failures)} #{inspect(Enum.take(failures, 3))}")
    IO.puts("beam versions: #{inspect(replies |> Enum.map(&elem(&1, 0)) |> Enum.dedup())}")
    IO.puts("beam state kept: #{ns == Enum.to_list(1..length(ns))}")
    IO.puts("beam calls: #{length(replies)}")
    send(rmain, :beam_done)
after
  30_000 -> IO.puts("beam: no go")
end
