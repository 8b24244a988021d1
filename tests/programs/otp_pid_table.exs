# The process table: pids of dead processes stay dead when their table entry is reused, pids
# rebuilt from text are the same pids, new pids compare greater, and an exit signal travels
# down a chain of 100 000 linked processes.
defmodule Chain do
  def make(0, parent), do: parent

  def make(n, parent) do
    pid =
      spawn(fn ->
        Process.link(parent)

        receive do
          :never -> :ok
        end
      end)

    make(n - 1, pid)
  end
end

defmodule Echo do
  def loop(tag) do
    receive do
      {:ping, from} ->
        send(from, {:pong, tag})
        loop(tag)
    end
  end
end

# Dead pids stay dead, even after many new processes have been spawned.
dead = for i <- 1..50, do: spawn(fn -> i end)
Process.sleep(10)
IO.inspect(Enum.any?(dead, &Process.alive?/1), label: "any dead alive")
fresh = for i <- 1..50, do: spawn(fn -> Echo.loop(i) end)
Enum.each(dead, fn p -> send(p, {:ping, self()}) end)
Process.sleep(10)
receive do
  {:pong, tag} -> IO.puts("a dead pid reached process #{tag}")
after
  0 -> IO.puts("no reply from dead pids")
end

# New pids compare greater than older ones; text round trips give equal pids that work.
IO.inspect(Enum.all?(fresh, fn f -> Enum.all?(dead, &(&1 < f)) end), label: "new pids greater")
[first | _] = fresh
again = first |> :erlang.pid_to_list() |> :erlang.list_to_pid()
IO.inspect(again == first, label: "round trip equal")
send(again, {:ping, self()})
receive do
  {:pong, tag} -> IO.inspect(tag, label: "round trip reaches")
end
IO.inspect(Process.alive?(hd(dead) |> :erlang.pid_to_list() |> :erlang.list_to_pid()), label: "dead round trip alive")

# An exit signal down a long chain of links.
Process.flag(:trap_exit, true)
head = spawn(fn -> receive do :never -> :ok end end)
last = Chain.make(100_000, head)
Process.link(last)
# Let every process in the chain link to its parent first.
Process.sleep(200)
Process.exit(head, :boom)
receive do
  {:EXIT, ^last, r} -> IO.inspect(r, label: "end of chain")
end
IO.inspect(Process.alive?(head), label: "head alive")
