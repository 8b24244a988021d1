# The retort side of tests/dist_interop.rs (run with --name r@127.0.0.1 --cookie c).
defmodule Peer do
  def wait_pong(node, 0), do: Node.ping(node)
  def wait_pong(node, n) do
    case Node.ping(node) do
      :pong -> :pong
      :pang ->
        Process.sleep(100)
        wait_pong(node, n - 1)
    end
  end

  def echo(dest, t) do
    send(dest, {:echo, self(), t})
    receive do
      {:echoed, back} -> back == t and back === t
    after
      10000 -> false
    end
  end

  def loop do
    receive do
      {:echo, from, t} ->
        send(from, {:echoed, t})
        loop()
    end
  end
end

defmodule Counter do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call({:add, k}, _from, n), do: {:reply, n + k, n + k}
end

beam = :"beam@127.0.0.1"
{:ok, _} = GenServer.start_link(Counter, 10, name: :counter)
Process.register(spawn(&Peer.loop/0), :echo)
IO.puts("retort ping: #{Peer.wait_pong(beam, 100)}")
IO.puts("retort nodes: #{inspect(Node.list())}")
dest = {:echo, beam}
big = Map.new(1..40, fn i -> {i, {:v, i}} end)
corpus = [
  :a, :"with space", :"日本", true, nil, :"",
  0, 255, 256, -1, 2147483647, 2147483648, -2147483649, 9223372036854775807, -9223372036854775808,
  18446744073709551616, -340282366920938463463374607431768211456, Integer.pow(7, 400),
  0.0, -1.5, 1.0e300, 3.141592653589793, -2.2250738585072014e-308,
  "", "héllo", <<0, 1, 255>>, "bin",
  [], [1, 2, 3], 'chars', [1 | 2], [[[]]], [:a, "b", 3.0 | :tail], Enum.to_list(1..1000),
  {}, {1}, {:ok, {1, {2, {3}}}}, List.to_tuple(Enum.to_list(1..300)),
  %{}, %{a: 1}, big, %{{1, 2} => [3], "k" => %{nested: true}},
  self(), make_ref(), {self(), make_ref()}, %{self() => make_ref()},
  &Enum.map/2, fn x -> x * 2 end, fn -> :zero end
]
oks = Enum.count(corpus, fn t -> Peer.echo(dest, t) end)
IO.puts("retort echo: #{oks}/#{length(corpus)}")
ten_mb = String.duplicate("0123456789", 1_048_576)
IO.puts("retort 10MB: #{Peer.echo(dest, ten_mb)} #{byte_size(ten_mb)}")
remote_pid = :rpc.call(beam, :erlang, :whereis, [:echo])
IO.puts("retort remote pid: #{node(remote_pid) == beam} #{Peer.echo(remote_pid, {remote_pid, [remote_pid]})}")
# A closure of this node through the BEAM comes back equal and callable.
k = 5
adder = fn x -> x + k end
send(dest, {:echo, self(), adder})
receive do
  {:echoed, back} -> IO.puts("retort fun back: #{back == adder} #{back.(1)}")
after
  10000 -> IO.puts("retort fun back: timeout")
end
send({:beam_main, beam}, {:go, self()})
victim = receive do
  {:victim, v} -> v
after
  10000 -> nil
end
Process.flag(:trap_exit, true)
Process.link(victim)
mref = Process.monitor(victim)
send(victim, :die)
receive do
  {:EXIT, ^victim, reason} -> IO.puts("retort link exit: #{inspect(reason)}")
after
  5000 -> IO.puts("retort link exit: timeout")
end
receive do
  {:DOWN, ^mref, :process, ^victim, reason} -> IO.puts("retort monitor down: #{inspect(reason)}")
after
  5000 -> IO.puts("retort monitor down: timeout")
end
receive do
  {:beam_fun, f, expected} ->
    IO.puts("retort beam fun: #{inspect(f) == expected} #{inspect(f)}")
    IO.puts("retort beam fun call: #{inspect(try do f.(1) rescue e -> e.__struct__ end)}")
after
  5000 -> IO.puts("retort beam fun: timeout")
end
receive do
  :beam_done -> IO.puts("retort done")
after
  10000 -> IO.puts("retort done: timeout")
end
