# The retort side of tests/dist_interop.rs's restart test, run twice as r@127.0.0.1.
defmodule Svc do
  use GenServer
  def init(_), do: {:ok, nil}
  def handle_call(:hello, _from, s), do: {:reply, {:hello, node()}, s}
end

{:ok, _} = GenServer.start_link(Svc, nil, name: :svc)
Process.register(self(), :main)
IO.puts("retort up")

receive do
  :stop -> IO.puts("retort stopping")
after
  60_000 -> IO.puts("retort: no stop")
end
