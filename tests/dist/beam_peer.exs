# The BEAM side of tests/dist_interop.rs: an echo server registered as :echo, then, when the
# retort node says {:go, pid}, pings it, echoes its own corpus through retort's :echo, and
# offers a process to link to and monitor. Prints one line per result.
defmodule Echo do
  def mk(k), do: fn x -> x + k end

  def loop do
    receive do
      {:echo, from, t} ->
        send(from, {:echoed, t})
        loop()
    end
  end
end

r = :"r@127.0.0.1"
Process.register(spawn(&Echo.loop/0), :echo)
Process.register(self(), :beam_main)
IO.puts("beam ready")

receive do
  {:go, rmain} ->
    IO.puts("beam ping: #{Node.ping(r)}")
    Node.monitor(r, true)
    Process.monitor(rmain)
    corpus = [self(), make_ref(), rmain, :erlang.make_ref(), {self(), [make_ref()]}, :atom, 1, 2.5, "bin", %{self() => :k}, Integer.pow(2, 200), -Integer.pow(2, 70), Echo.mk(3), fn -> :zero end]
    ok =
      Enum.count(corpus, fn t ->
        send({:echo, r}, {:echo, self(), t})
        receive do
          {:echoed, back} -> back === t
        after
          5000 -> false
        end
      end)
    IO.puts("beam echo: #{ok}/#{length(corpus)}")
    # A BEAM fun through retort (opaque there) comes back callable here.
    send({:echo, r}, {:echo, self(), Echo.mk(3)})
    receive do
      {:echoed, back} -> IO.puts("beam fun back: #{back == Echo.mk(3)} #{back.(4)}")
    after
      5000 -> IO.puts("beam fun back: timeout")
    end
    victim = spawn(fn -> receive do :die -> exit(:boom) end end)
    send(rmain, {:victim, victim})
    # How Elixir prints a fun whose module is not loaded (as on retort).
    info = Function.info(Echo.mk(3))
    send(rmain, {:beam_fun, Echo.mk(3), "#Function<#{info[:new_index]}.#{info[:uniq]}/#{info[:arity]} in #{inspect(info[:module])}>"})
    # GenServer.call into retort's :counter
    IO.puts("beam call: #{inspect(GenServer.call({:counter, r}, {:add, 5}))}")
    send(rmain, :beam_done)
    receive do
      {:DOWN, _, :process, ^rmain, reason} -> IO.puts("beam down: #{inspect(reason in [:normal, :noconnection])}")
    after
      10000 -> IO.puts("beam down: timeout")
    end
    receive do
      {:nodedown, ^r} -> IO.puts("beam nodedown")
    after
      10000 -> IO.puts("beam nodedown: timeout")
    end
after
  20000 -> IO.puts("beam: no go")
end
