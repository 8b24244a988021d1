# Process.send_after/3,4, cancel_timer/1, read_timer/1, :erlang.send_after/3,
# receive ... after, timers to registered names and to dead processes.
defmodule T do
  def run do
    ref = Process.send_after(self(), :tick, 100)
    IO.puts("timer ref: #{is_reference(ref)}")
    left = Process.read_timer(ref)
    IO.puts("read_timer in range: #{left > 90 and left <= 100}")
    receive do
      :tick -> IO.puts("got :tick")
    end
    IO.puts("read_timer after firing: #{inspect(Process.read_timer(ref))}")
    IO.puts("cancel after firing: #{inspect(Process.cancel_timer(ref))}")

    ref = Process.send_after(self(), :never, 1000)
    Process.sleep(200)
    left = Process.cancel_timer(ref)
    IO.puts("cancel returns time left: #{left > 700 and left <= 800}")
    receive do
      :never -> IO.puts("cancelled timer fired!")
    after
      1200 -> IO.puts("cancelled timer did not fire")
    end
    IO.puts("cancel twice: #{inspect(Process.cancel_timer(ref))}")
    IO.puts("read cancelled: #{inspect(Process.read_timer(ref))}")

    # Order of several timers follows their deadlines, not their creation.
    Process.send_after(self(), {:t, 30}, 30)
    Process.send_after(self(), {:t, 10}, 10)
    Process.send_after(self(), {:t, 20}, 20)
    Process.send_after(self(), {:t, 0}, 0)
    IO.puts("order: #{inspect(for _ <- 1..4, do: (receive do {:t, n} -> n end))}")

    # Same deadline: creation order.
    for i <- 1..5, do: Process.send_after(self(), {:same, i}, 50)
    IO.puts("same deadline: #{inspect(for _ <- 1..5, do: (receive do {:same, n} -> n end))}")

    # To a registered name.
    Process.register(self(), :timer_test)
    Process.send_after(:timer_test, :by_name, 10)
    receive do
      :by_name -> IO.puts("timer to name: ok")
    end

    # send_after/4 with abs: false (relative).
    Process.send_after(self(), :opt, 10, abs: false)
    receive do
      :opt -> IO.puts("send_after/4: ok")
    end

    # :erlang.send_after/3 and :erlang.start_timer/3.
    r = :erlang.send_after(5, self(), :erl)
    receive do
      :erl -> IO.puts("erlang send_after: #{is_reference(r)}")
    end
    r = :erlang.start_timer(5, self(), :st)
    receive do
      {:timeout, ^r, :st} -> IO.puts("start_timer: {:timeout, ref, msg}")
    end

    # A timer to a dead process is simply dropped.
    dead = spawn(fn -> :ok end)
    Process.sleep(5)
    r = Process.send_after(dead, :lost, 5)
    Process.sleep(20)
    IO.puts("timer to dead pid: #{inspect(Process.read_timer(r))}")

    # receive ... after 0 and a clock that only moves with timers.
    t0 = System.monotonic_time(:millisecond)
    receive do
      :nothing -> :ok
    after
      250 -> :ok
    end
    t1 = System.monotonic_time(:millisecond)
    IO.puts("after 250 waited at least 250ms: #{t1 - t0 >= 250}")
    r = receive do
      :nothing -> :got
    after
      0 -> :timeout
    end
    IO.puts("after 0: #{r}")

    # :timer.sleep and Process.sleep.
    t0 = System.monotonic_time(:millisecond)
    :timer.sleep(100)
    Process.sleep(100)
    IO.puts("slept at least 200: #{System.monotonic_time(:millisecond) - t0 >= 200}")

    # cancel_timer with a non-timer reference.
    IO.puts("cancel unknown: #{inspect(Process.cancel_timer(make_ref()))}")
  end
end

T.run()
