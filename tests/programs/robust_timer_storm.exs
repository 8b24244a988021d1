# Bulk timers: every `Process.send_after` is delivered (also under `--virtual-time`, where the
# golden test runs this), and a receive timeout still fires when a non-matching message woke
# the process first.
defmodule Storm do
  def run(n) do
    for i <- 1..n, do: Process.send_after(self(), {:m, i}, 0)
    sum = Enum.reduce(1..n, 0, fn _, acc -> receive do {:m, i} -> acc + i end end)
    IO.puts("#{n} zero timers: sum #{sum}")
    for i <- 1..n, do: Process.send_after(self(), {:t, i}, rem(i, 7) * 10)
    got = for _ <- 1..n, do: (receive do {:t, i} -> i end)
    IO.puts("#{n} spread timers: #{length(got)} received, sum #{Enum.sum(got)}")
    ordered = Enum.chunk_by(got, &rem(&1, 7)) |> Enum.map(&rem(hd(&1), 7))
    IO.puts("fired by deadline: #{inspect(ordered)}")
  end
end

Storm.run(500)
Storm.run(10_000)

refs = for i <- 1..1000, do: :erlang.start_timer(0, self(), i)
n = Enum.count(refs, fn r -> receive do {:timeout, ^r, _} -> true after 1000 -> false end end)
IO.puts("start_timer: #{n} of 1000")

# A message the receive does not match arrives before the timeout: the timeout still fires.
parent = self()
pid = spawn(fn ->
  receive do
    :never -> :ok
  after 50 -> send(parent, :timed_out)
  end
end)
Process.send_after(pid, :noise, 10)
receive do
  :timed_out -> IO.puts("timeout fired after a non-matching message")
after 5000 -> IO.puts("timeout lost")
end
