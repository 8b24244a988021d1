# A process blocked in accept and one blocked in recv do not stop the others; timers still fire.
{:ok, ls} = :gen_tcp.listen(0, [:binary, active: false])
{:ok, port} = :inet.port(ls)
parent = self()
spawn(fn -> send(parent, {:accepted, :gen_tcp.accept(ls, 300)}) end)
spawn(fn ->
  {:ok, l2} = :gen_tcp.listen(0, [:binary, active: false])
  {:ok, p2} = :inet.port(l2)
  {:ok, c} = :gen_tcp.connect({127, 0, 0, 1}, p2, [:binary, active: false])
  send(parent, {:recv, :gen_tcp.recv(c, 0, 200)})
end)
sum = Enum.reduce(1..200_000, 0, &(&1 + &2))
IO.puts("worked: #{sum}")
Process.sleep(50)
IO.puts("slept")
receive do {:recv, r} -> IO.inspect(r) end
receive do {:accepted, r} -> IO.inspect(r) end
{:ok, c} = :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, active: false, packet: 4])
{:ok, s} = :gen_tcp.accept(ls, 1000)
:ok = :inet.setopts(s, packet: 4)
big = :binary.copy("x", 3_000_000)
spawn(fn -> send(parent, {:sent, :gen_tcp.send(c, big)}) end)
{:ok, got} = :gen_tcp.recv(s, 0, 5000)
IO.inspect(byte_size(got))
receive do {:sent, r} -> IO.inspect(r) end
# two acceptors wait on one listener: both get a connection
for i <- 1..2, do: spawn(fn -> {:ok, _} = :gen_tcp.accept(ls, 2000); send(parent, {:acc, i}) end)
Process.sleep(20)
{:ok, _} = :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, active: false])
{:ok, _} = :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, active: false])
IO.inspect(Enum.sort(for _ <- 1..2, do: (receive do {:acc, i} -> i after 3000 -> :missing end)))
