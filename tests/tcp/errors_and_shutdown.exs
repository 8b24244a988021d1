# A reset connection (the peer closes with linger {true, 0}) in active and passive mode, with
# and without show_econnreset, and a half-close with :gen_tcp.shutdown(s, :write).
defmodule T do
  def reset_pair(l, client_opts \\ []) do
    {:ok, port} = :inet.port(l)
    {:ok, c} = :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, active: false, linger: {true, 0}] ++ client_opts)
    {:ok, s} = :gen_tcp.accept(l, 2000)
    {c, s}
  end

  def show(s, n) do
    for _ <- 1..n do
      receive do
        {tag, ^s} -> IO.inspect(tag)
        {tag, ^s, r} -> IO.inspect({tag, r})
      after
        1000 -> IO.puts("nothing")
      end
    end
  end
end

{:ok, l} = :gen_tcp.listen(0, [:binary, active: true, reuseaddr: true])
{c, s} = T.reset_pair(l)
:ok = :gen_tcp.send(c, "hi")
T.show(s, 1)
:gen_tcp.close(c)
IO.puts("active, reset:")
T.show(s, 2)

{c, s} = T.reset_pair(l)
:ok = :inet.setopts(s, active: false)
:gen_tcp.close(c)
Process.sleep(100)
IO.puts("passive, reset:")
IO.inspect(:gen_tcp.recv(s, 0, 1000))
IO.inspect(:gen_tcp.recv(s, 0, 1000))

{:ok, l2} = :gen_tcp.listen(0, [:binary, active: true, show_econnreset: true])
{c, s} = T.reset_pair(l2)
:gen_tcp.close(c)
IO.puts("active, reset, show_econnreset:")
T.show(s, 3)

{c, s} = T.reset_pair(l2)
:ok = :inet.setopts(s, active: false)
:gen_tcp.close(c)
Process.sleep(100)
IO.puts("passive, reset, show_econnreset:")
IO.inspect(:gen_tcp.recv(s, 0, 1000))
IO.inspect(:gen_tcp.recv(s, 0, 1000))

# Half-close: the client's shutdown(:write) is the end of the stream for the server, which
# still answers on the same connection (with exit_on_close: false; by default the end of
# the stream closes the socket, as the first connection shows).
{:ok, c} = :gen_tcp.connect({127, 0, 0, 1}, elem(:inet.port(l), 1), [:binary, active: false])
{:ok, s} = :gen_tcp.accept(l, 2000)
:ok = :inet.setopts(s, active: false)
:ok = :gen_tcp.shutdown(c, :write)
IO.inspect(:gen_tcp.recv(s, 0, 1000))
IO.inspect(:gen_tcp.send(s, "late"))
{:ok, l3} = :gen_tcp.listen(0, [:binary, active: false, exit_on_close: false])
{:ok, port} = :inet.port(l3)
{:ok, c} = :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, active: false])
{:ok, s} = :gen_tcp.accept(l3, 2000)
:ok = :gen_tcp.send(c, "ping")
IO.inspect(:gen_tcp.shutdown(c, :write))
IO.inspect(:gen_tcp.recv(s, 4, 1000))
IO.inspect(:gen_tcp.recv(s, 0, 1000))
IO.inspect(:gen_tcp.send(s, "pong"))
:gen_tcp.close(s)
IO.inspect(:gen_tcp.recv(c, 0, 1000))
IO.inspect(:gen_tcp.recv(c, 0, 1000))
