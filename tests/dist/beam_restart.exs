# The BEAM side of tests/dist_interop.rs's restart test: retort's node r runs twice under the
# same name (the test starts it again once it ended). Each round: ping until pong, call its
# :svc, stop it, see it go down. The two incarnations' pids differ (a new creation).
defmodule W do
  def pong(r), do: Enum.find_value(1..400, :pang, fn _ -> if Node.ping(r) == :pong, do: :pong, else: (Process.sleep(100) && nil) end)

  def svc(r) do
    Enum.find_value(1..200, :none, fn _ ->
      case :rpc.call(r, :erlang, :whereis, [:svc]) do
        pid when is_pid(pid) -> pid
        _ -> Process.sleep(50) && nil
      end
    end)
  end
end

r = :"r@127.0.0.1"
IO.puts("beam ready")

pids =
  for round <- 1..2 do
    IO.puts("beam round #{round} ping: #{W.pong(r)}")
    Node.monitor(r, true)
    pid = W.svc(r)
    IO.puts("beam round #{round} call: #{inspect(GenServer.call({:svc, r}, :hello, 10_000))}")
    send({:main, r}, :stop)

    receive do
      {:nodedown, ^r} -> IO.puts("beam round #{round} nodedown")
    after
      20_000 -> IO.puts("beam round #{round} nodedown: timeout")
    end

    pid
  end

[p1, p2] = pids
IO.puts("beam incarnations differ: #{p1 != p2 and node(p1) == r and node(p2) == r}")
