{:ok, ls} = :gen_tcp.listen(0, [:binary, packet: :line, active: false, reuseaddr: true])
{:ok, port} = :inet.port(ls)
parent = self()

# line packets, passive
spawn(fn ->
  {:ok, s} = :gen_tcp.accept(ls)
  :ok = :gen_tcp.send(s, "one\ntwo\nthr")
  :ok = :gen_tcp.send(s, "ee\nlast")
  :ok = :gen_tcp.close(s)
end)
{:ok, c} = :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, packet: :line, active: false])
{:ok, {{127, 0, 0, 1}, ^port}} = :inet.peername(c)
IO.inspect(for _ <- 1..5, do: :gen_tcp.recv(c, 0, 1000))
:gen_tcp.close(c)

# active: true, :list mode
spawn(fn ->
  {:ok, s} = :gen_tcp.accept(ls)
  :ok = :gen_tcp.send(s, "a\nb\n")
  :ok = :gen_tcp.close(s)
end)
{:ok, c} = :gen_tcp.connect({127, 0, 0, 1}, port, [:list, packet: :line, active: true])
for _ <- 1..3 do
  receive do
    {:tcp, ^c, data} -> IO.inspect({:tcp, data})
    {:tcp_closed, ^c} -> IO.puts("closed")
  after 1000 -> IO.puts("nothing")
  end
end

# active: :once, setopts, packet 2
spawn(fn ->
  {:ok, s} = :gen_tcp.accept(ls)
  :ok = :inet.setopts(s, packet: 2)
  :ok = :gen_tcp.send(s, "first")
  :ok = :gen_tcp.send(s, "second")
  :ok = :gen_tcp.send(s, "third")
  receive do: (:stop -> :ok)
end)
{:ok, c} = :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, packet: 2, active: :once])
receive do {:tcp, ^c, d} -> IO.inspect(d) end
receive do {:tcp, ^c, d} -> IO.inspect(d) after 200 -> IO.puts("once: no more") end
:ok = :inet.setopts(c, active: 2)
receive do {:tcp, ^c, d} -> IO.inspect(d) end
receive do {:tcp, ^c, d} -> IO.inspect(d) end
receive do {:tcp_passive, ^c} -> IO.puts("passive") end
IO.inspect(:gen_tcp.recv(c, 0, 100))

# controlling_process from a non-owner; owner exit closes
_pid = spawn(fn -> send(parent, {:res, :gen_tcp.controlling_process(c, self())}) end)
receive do {:res, r} -> IO.inspect(r) end
spawn(fn ->
  {:ok, s} = :gen_tcp.accept(ls)
  :ok = :inet.setopts(s, active: true)
  send(parent, :srv_ready)
  receive do {:tcp_closed, ^s} -> send(parent, :srv_saw_close) after 2000 -> send(parent, :no_close) end
end)
me = self()
owner = spawn(fn ->
  {:ok, c2} = :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, active: false])
  send(me, {:client, c2})
end)
receive do {:client, c2} -> Process.sleep(50); IO.inspect(:gen_tcp.send(c2, "x")) end
receive do :srv_ready -> :ok end
IO.inspect(Process.alive?(owner))
receive do m when m in [:srv_saw_close, :no_close] -> IO.inspect(m) end
