# The BEAM side of tests/dist_interop.rs's rpc test: BeamMod for retort to call, then, on
# {:go, pid} from retort, :rpc/:erpc/Node.spawn* into retort's RMod. One line per result.
defmodule BeamMod do
  def add(a, b), do: a + b
  def boom(), do: raise("boom")
  def thrower(), do: throw(:thrown)
  def exiter(), do: exit(:bye)
  def slow(ms), do: Process.sleep(ms)
  def note(pid), do: send(pid, {:noted, node()})
  def pinger(pid), do: send(pid, {:pong_from, node()})
end

defmodule Beam do
  def within(tag, f) do
    IO.puts("#{tag}: #{inspect(f.())}")
  end

  def await(pat_fun, ms \\ 5000) do
    receive do
      m -> pat_fun.(m)
    after
      ms -> :timeout
    end
  end
end

r = :"r@127.0.0.1"
Process.register(self(), :beam_main)
IO.puts("beam ready")

receive do
  {:go, rmain} ->
    Beam.within("beam rpc add", fn -> :rpc.call(r, RMod, :add, [1, 2]) end)
    Beam.within("beam erpc node", fn -> :erpc.call(r, :erlang, :node, []) == r end)
    Beam.within("beam rpc raise", fn -> match?({:badrpc, {:EXIT, {%RuntimeError{message: "boom"}, _}}}, :rpc.call(r, RMod, :boom, [])) end)
    Beam.within("beam rpc throw", fn -> :rpc.call(r, RMod, :thrower, []) end)
    Beam.within("beam rpc exit", fn -> :rpc.call(r, RMod, :exiter, []) end)
    Beam.within("beam rpc timeout", fn -> :rpc.call(r, RMod, :slow, [3000], 300) end)
    Beam.within("beam erpc raise", fn ->
      try do
        :erpc.call(r, RMod, :boom, [])
      catch
        :error, {:exception, %RuntimeError{message: m}, _} -> {:raised, m}
      end
    end)
    Beam.within("beam erpc exit", fn ->
      try do
        :erpc.call(r, RMod, :exiter, [])
      catch
        :exit, e -> e
      end
    end)
    Beam.within("beam erpc error", fn ->
      try do
        :erpc.call(r, :erlang, :error, [:x])
      catch
        :error, e -> {e, match?([{:erpc, :call, 5, _} | _], __STACKTRACE__)}
      end
    end)
    Beam.within("beam erpc boom stack", fn ->
      try do
        :erpc.call(r, RMod, :boom, [])
      catch
        :error, {:exception, _, stack} -> match?([{RMod, :boom, 0, _}], stack)
      end
    end)
    pid = :erlang.spawn(r, RMod, :pinger, [self()])
    Beam.within("beam erlang spawn", fn -> node(pid) == r and Beam.await(fn {:pong_from, n} -> n == r end) end)
    :rpc.cast(r, RMod, :note, [self()])
    Beam.within("beam rpc cast", fn -> Beam.await(fn {:noted, n} -> n == r end) end)
    Beam.within("beam multicall", fn -> :rpc.multicall([node(), r], :erlang, :node, []) == {[node(), r], []} end)
    pid = Node.spawn(r, RMod, :pinger, [self()])
    Beam.within("beam spawn", fn -> node(pid) == r and Beam.await(fn {:pong_from, n} -> n == r end) end)
    {pid, ref} = Node.spawn_monitor(r, RMod, :exiter, [])
    Beam.within("beam spawn_monitor", fn -> Beam.await(fn {:DOWN, ^ref, :process, ^pid, why} -> why end) end)
    Process.flag(:trap_exit, true)
    pid = Node.spawn_link(r, RMod, :exiter, [])
    Beam.within("beam spawn_link", fn -> Beam.await(fn {:EXIT, ^pid, why} -> why end) end)
    send(rmain, :beam_done)
after
  30000 -> IO.puts("beam: no go")
end
