# The retort side of tests/dist_interop.rs's rpc test (run with --name r@127.0.0.1): RMod for
# the BEAM to call; :rpc/:erpc/Node.spawn* into the BEAM's BeamMod. One line per result.
defmodule RMod do
  def add(a, b), do: a + b
  def boom(), do: raise("boom")
  def thrower(), do: throw(:thrown)
  def exiter(), do: exit(:bye)
  def slow(ms), do: Process.sleep(ms)
  def note(pid), do: send(pid, {:noted, node()})
  def pinger(pid), do: send(pid, {:pong_from, node()})
end

defmodule Peer do
  def wait_pong(node, 0), do: Node.ping(node)

  def wait_pong(node, n) do
    case Node.ping(node) do
      :pong ->
        :pong

      :pang ->
        Process.sleep(100)
        wait_pong(node, n - 1)
    end
  end

  def within(tag, f), do: IO.puts("#{tag}: #{inspect(f.())}")

  def await(f, ms \\ 5000) do
    receive do
      m -> f.(m)
    after
      ms -> :timeout
    end
  end
end

beam = :"beam@127.0.0.1"
IO.puts("retort ping: #{Peer.wait_pong(beam, 100)}")
Peer.within("retort rpc add", fn -> :rpc.call(beam, BeamMod, :add, [2, 3]) end)
Peer.within("retort erpc node", fn -> :erpc.call(beam, :erlang, :node, []) == beam end)
Peer.within("retort rpc raise", fn -> match?({:badrpc, {:EXIT, {%RuntimeError{message: "boom"}, _}}}, :rpc.call(beam, BeamMod, :boom, [])) end)
Peer.within("retort rpc throw", fn -> :rpc.call(beam, BeamMod, :thrower, []) end)
Peer.within("retort rpc exit", fn -> :rpc.call(beam, BeamMod, :exiter, []) end)
Peer.within("retort rpc timeout", fn -> :rpc.call(beam, BeamMod, :slow, [3000], 300) end)
Peer.within("retort erpc raise", fn ->
  try do
    :erpc.call(beam, BeamMod, :boom, [])
  catch
    :error, {:exception, %RuntimeError{message: m}, _} -> {:raised, m}
  end
end)
Peer.within("retort erpc exit", fn ->
  try do
    :erpc.call(beam, BeamMod, :exiter, [])
  catch
    :exit, e -> e
  end
end)
for {tag, n} <- [{"retort erpc error", beam}, {"retort erpc local error", node()}] do
  Peer.within(tag, fn ->
    try do
      :erpc.call(n, :erlang, :error, [:x])
    catch
      :error, e -> {e, match?([{:erpc, :call, 5, _} | _], __STACKTRACE__)}
    end
  end)
end
Peer.within("retort erpc local boom stack", fn ->
  try do
    :erpc.call(node(), RMod, :boom, [])
  catch
    :error, {:exception, _, stack} -> match?([{RMod, :boom, 0, _}], stack)
  end
end)
pid = :erlang.spawn(beam, BeamMod, :pinger, [self()])
Peer.within("retort erlang spawn", fn -> node(pid) == beam and Peer.await(fn {:pong_from, n} -> n == beam end) end)
{pid, ref} = :erlang.spawn_monitor(beam, BeamMod, :exiter, [])
Peer.within("retort erlang spawn_monitor", fn -> Peer.await(fn {:DOWN, ^ref, :process, ^pid, why} -> why end) end)
:rpc.cast(beam, BeamMod, :note, [self()])
Peer.within("retort rpc cast", fn -> Peer.await(fn {:noted, n} -> n == beam end) end)
Peer.within("retort multicall", fn -> :rpc.multicall([node(), beam, :"nobody@127.0.0.1"], :erlang, :node, [], 5000) end)
pid = Node.spawn(beam, BeamMod, :pinger, [self()])
Peer.within("retort spawn", fn -> node(pid) == beam and Peer.await(fn {:pong_from, n} -> n == beam end) end)
{pid, ref} = Node.spawn_monitor(beam, BeamMod, :exiter, [])
Peer.within("retort spawn_monitor", fn -> Peer.await(fn {:DOWN, ^ref, :process, ^pid, why} -> why end) end)
Process.flag(:trap_exit, true)
pid = Node.spawn_link(beam, BeamMod, :exiter, [])
Peer.within("retort spawn_link", fn -> Peer.await(fn {:EXIT, ^pid, why} -> why end) end)
Peer.within("retort rpc io", fn -> :rpc.call(beam, IO, :puts, ["printed through the group leader"]) end)
send({:beam_main, beam}, {:go, self()})

receive do
  :beam_done -> IO.puts("retort done")
after
  30000 -> IO.puts("retort done: timeout")
end
