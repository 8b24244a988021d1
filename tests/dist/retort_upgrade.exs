# The retort side of tests/dist_interop.rs's upgrade test: a counter server that the BEAM
# calls every 2 ms is suspended, given new code, changed and resumed when the BEAM asks.
Code.compiler_options(ignore_module_conflict: true)

defmodule Source do
  def version(v) do
    """
    defmodule Counter do
      use GenServer
      @vsn #{v}
      def init(n), do: {:ok, n}
      def handle_call(:bump, _from, n), do: {:reply, {#{v}, n + 1}, n + 1}
      def code_change(_old, n, _extra), do: {:ok, n}
    end
    """
  end
end

defmodule Peer do
  def wait_pong(node, 0), do: Node.ping(node)

  def wait_pong(node, n) do
    case Node.ping(node) do
      :pong -> :pong
      :pang -> Process.sleep(100) && wait_pong(node, n - 1)
    end
  end
end

beam = :"beam@127.0.0.1"
Code.compile_string(Source.version(1))
{:ok, _} = GenServer.start(Counter, 0, name: :counter)
IO.puts("retort ping: #{Peer.wait_pong(beam, 200)}")
send({:beam_main, beam}, {:go, self()})

receive do
  :upgrade_now ->
    :ok = :sys.suspend(:counter)
    # Calls queue up meanwhile.
    Process.sleep(100)
    Code.compile_string(Source.version(2))
    :ok = :sys.change_code(:counter, Counter, 1, nil)
    :ok = :sys.resume(:counter)
    IO.puts("retort upgraded")
after
  30_000 -> IO.puts("retort: no upgrade request")
end

receive do
  :beam_done -> IO.puts("retort done")
after
  60_000 -> IO.puts("retort done: timeout")
end
