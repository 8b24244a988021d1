# The BEAM side of tests/dist_interop.rs's release test: waits for the release node r to
# answer a ping, calls Greet.hello/1 there, then stays up for the shell part of the test.
r = :"r@127.0.0.1"
IO.puts("beam ready")

pong =
  Enum.find_value(1..150, :pang, fn _ ->
    case Node.ping(r) do
      :pong -> :pong
      :pang -> Process.sleep(100) && nil
    end
  end)

IO.puts("beam ping release: #{pong}")
IO.puts("beam rpc release: #{inspect(:rpc.call(r, Greet, :hello, ["beam"], 5000))}")
Process.sleep(60_000)
