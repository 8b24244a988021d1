{:ok, ls} = :gen_tcp.listen(0, [:binary, packet: :raw, active: false, reuseaddr: true, backlog: 16])
{:ok, port} = :inet.port(ls)
IO.puts(is_port(ls))
IO.puts(is_reference(ls))
IO.puts(port > 0)

defmodule Echo do
  def acceptor(ls, n) when n > 0 do
    {:ok, s} = :gen_tcp.accept(ls)
    pid = spawn(fn -> loop() end)
    :ok = :gen_tcp.controlling_process(s, pid)
    send(pid, {:go, s})
    acceptor(ls, n - 1)
  end
  def acceptor(_ls, 0), do: :ok

  def loop do
    receive do
      {:go, s} -> serve(s)
    end
  end

  def serve(s) do
    case :gen_tcp.recv(s, 0) do
      {:ok, data} ->
        :ok = :gen_tcp.send(s, data)
        serve(s)
      {:error, :closed} -> :ok
    end
  end
end

spawn(fn -> Echo.acceptor(ls, 5) end)
parent = self()
for i <- 1..5 do
  spawn(fn ->
    {:ok, s} = :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, active: false])
    msg = "hello #{i}"
    :ok = :gen_tcp.send(s, msg)
    {:ok, reply} = :gen_tcp.recv(s, byte_size(msg))
    :ok = :gen_tcp.close(s)
    send(parent, {:done, i, reply})
  end)
end
results = for _ <- 1..5, do: (receive do {:done, i, r} -> {i, r} end)
IO.inspect(Enum.sort(results))

{:ok, c} = :gen_tcp.connect(~c"localhost", port, [:binary, active: false])
IO.inspect(:gen_tcp.recv(c, 0, 100))
:gen_tcp.close(c)
IO.inspect(:gen_tcp.recv(c, 0))
IO.inspect(:gen_tcp.send(c, "x"))
:ok = :gen_tcp.close(ls)
IO.inspect(:gen_tcp.connect({127, 0, 0, 1}, port, [:binary, active: false]))
{:ok, l2} = :gen_tcp.listen(0, [:binary, active: false])
{:ok, p2} = :inet.port(l2)
IO.inspect(:gen_tcp.listen(p2, [:binary, active: false]))
