# :timer (tc, send_after, send_interval, apply_after, apply_interval, exit_after, kill_after,
# cancel, the unit helpers) and Process.cancel_timer/2.
{t, v} = :timer.tc(fn -> Enum.sum(1..1000) end)
IO.inspect({is_integer(t) and t >= 0, v}, label: "tc/1")
IO.inspect(:timer.tc(&Enum.sum/1, [[1, 2, 3]]) |> elem(1), label: "tc/2")
IO.inspect(:timer.tc(Enum, :max, [[4, 9, 2]]) |> elem(1), label: "tc/3")
{t, :ok} = :timer.tc(fn -> :timer.sleep(30) end)
IO.inspect(t >= 30_000, label: "tc measures a sleep")
IO.inspect({:timer.seconds(2), :timer.minutes(2), :timer.hours(1), :timer.hms(1, 2, 3), :timer.seconds(1.5)}, label: "units")
IO.inspect(:timer.now_diff({1, 2, 3}, {0, 0, 0}), label: "now_diff")

{:ok, {:send_local, r}} = :timer.send_after(20, :after)
IO.inspect(is_reference(r), label: "send_after ref")
receive do
  :after -> IO.puts("send_after/2 arrived")
after
  1000 -> IO.puts("send_after/2 missing")
end

Process.register(self(), :me)
{:ok, _} = :timer.send_after(10, :me, :by_name)
receive do
  :by_name -> IO.puts("send_after/3 to a name arrived")
after
  1000 -> IO.puts("missing")
end

{:ok, tref} = :timer.send_after(50, :cancelled)
IO.inspect(:timer.cancel(tref), label: "cancel")
receive do
  :cancelled -> IO.puts("cancelled message arrived")
after
  100 -> IO.puts("cancelled message never came")
end

IO.inspect(:timer.send_after(-1, :x), label: "negative time")
IO.inspect(:timer.send_after(:soon, :x), label: "not a time")
IO.inspect(:timer.cancel(:nope), label: "cancel garbage")
{:ok, {:interval, unknown}} = :timer.send_interval(10, :nobody_registered, :x)
IO.inspect(:timer.cancel({:interval, unknown}), label: "interval to unknown name")

{:ok, iref} = :timer.send_interval(20, :tick)
ticks =
  for _ <- 1..3 do
    receive do
      :tick -> :tick
    after
      1000 -> :missing
    end
  end
IO.inspect(ticks, label: "send_interval")
{:ok, :cancel} = :timer.cancel(iref)
:timer.sleep(50)
receive do
  :tick -> IO.puts("a tick after cancel")
after
  0 -> IO.puts("no tick after cancel")
end

parent = self()
{:ok, aref} = :timer.apply_after(20, Kernel, :send, [parent, :applied])
IO.inspect(elem(aref, 0), label: "apply_after kind")
receive do
  :applied -> IO.puts("apply_after ran")
after
  1000 -> IO.puts("apply_after missing")
end

{:ok, aref2} = :timer.apply_after(50, Kernel, :send, [parent, :never])
{:ok, :cancel} = :timer.cancel(aref2)
receive do
  :never -> IO.puts("cancelled apply ran")
after
  100 -> IO.puts("cancelled apply did not run")
end

{:ok, ai} = :timer.apply_interval(15, Kernel, :send, [parent, :again])
got = for _ <- 1..2, do: (receive do: (:again -> :again), after: (1000 -> :missing))
:timer.cancel(ai)
IO.inspect(got, label: "apply_interval")

# An interval timer ends with the process it sends to.
pid = spawn(fn -> receive do: (:stop -> :ok) end)
{:ok, dead_ref} = :timer.send_interval(10, pid, :hello)
send(pid, :stop)
:timer.sleep(30)
IO.inspect(:timer.cancel(dead_ref), label: "cancel after target died")

victim = spawn(fn -> :timer.sleep(5000) end)
ref = Process.monitor(victim)
{:ok, _} = :timer.kill_after(10, victim)
receive do
  {:DOWN, ^ref, _, _, reason} -> IO.inspect(reason, label: "kill_after")
end
victim2 = spawn(fn -> :timer.sleep(5000) end)
ref2 = Process.monitor(victim2)
{:ok, _} = :timer.exit_after(10, victim2, :timeout_reason)
receive do
  {:DOWN, ^ref2, _, _, reason} -> IO.inspect(reason, label: "exit_after")
end

# Process.cancel_timer/2
t1 = Process.send_after(self(), :later, 1000)
IO.inspect(Process.cancel_timer(t1, info: false), label: "cancel_timer info: false")
t2 = Process.send_after(self(), :later, 1000)
IO.inspect(Process.cancel_timer(t2, async: true), label: "cancel_timer async")
receive do
  {:cancel_timer, ^t2, left} -> IO.inspect(is_integer(left) and left > 0 and left <= 1000, label: "async result")
end
IO.inspect(Process.cancel_timer(t2, async: true, info: true), label: "again async")
receive do
  {:cancel_timer, ^t2, left} -> IO.inspect(left, label: "async result of a cancelled timer")
end
IO.inspect(Process.cancel_timer(t2, async: true, info: false), label: "async without info")
receive do
  m -> IO.inspect(m, label: "unexpected")
after
  20 -> IO.puts("no message without info")
end
t3 = Process.send_after(self(), :later, 1000)
IO.inspect(Process.cancel_timer(t3, []) |> is_integer(), label: "cancel_timer/2 default")
