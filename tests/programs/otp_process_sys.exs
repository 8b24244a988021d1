# Process.info, :sys on a GenServer (get_status, terminate, debug), :proc_lib.start_link with
# init_ack, terminate/2 on the parent's exit when trapping exits, Logger levels.
defmodule Trapper do
  use GenServer

  def init(:trap) do
    Process.flag(:trap_exit, true)
    {:ok, :trapping}
  end

  def init(state), do: {:ok, state}

  def handle_call(:state, _from, s), do: {:reply, s, s}

  def terminate(reason, state) do
    send(:main, {:terminate, reason, state})
  end
end

defmodule K do
  def get([{k, v} | _], k), do: v
  def get([_ | t], k), do: get(t, k)
  def get([], _k), do: nil
end

defmodule Special do
  def start_link(arg), do: :proc_lib.start_link(__MODULE__, :init, [self(), arg])

  def init(parent, arg) do
    :proc_lib.init_ack(parent, {:ok, self(), arg})
    receive do
      :stop -> :ok
    end
  end
end

require Logger
Process.register(self(), :main)

pid = spawn(fn ->
  Process.put(:key, :value)
  receive do
    :go -> :ok
  end
end)

send(pid, :hello)
Process.sleep(10)
IO.puts("status: #{inspect(Process.info(pid, :status))}")
IO.puts("queue: #{inspect(Process.info(pid, :message_queue_len))}")
IO.puts("messages: #{inspect(Process.info(pid, :messages))}")
IO.puts("dictionary: #{inspect(Process.info(pid, :dictionary))}")
IO.puts("trap_exit: #{inspect(Process.info(pid, :trap_exit))}")
IO.puts("several: #{inspect(Process.info(pid, [:message_queue_len, :trap_exit]))}")
Process.register(pid, :named_proc)
IO.puts("registered_name: #{inspect(Process.info(pid, :registered_name))}")
IO.puts("self status: #{inspect(Process.info(self(), :status))}")
IO.puts("self registered_name: #{inspect(Process.info(self(), :registered_name))}")
IO.puts("info/1 has status: #{K.get(Process.info(pid), :status)}")
link_pid = spawn_link(fn -> receive do :never -> :ok end end)
{:links, links} = Process.info(self(), :links)
IO.puts("links: #{:lists.member(link_pid, links)}")
send(pid, :go)
Process.sleep(10)
IO.puts("dead: #{inspect(Process.info(pid, :status))} #{inspect(Process.info(pid))}")
IO.puts("erlang dead: #{inspect(:erlang.process_info(pid, :status))}")

{:ok, server} = GenServer.start(Trapper, :plain)
{:status, spid, {:module, _}, [pdict, mode, parent, debug, _misc]} = :sys.get_status(server)
IO.puts("get_status: pid=#{spid == server} mode=#{inspect(mode)} parent_is_self=#{parent == server} debug=#{inspect(debug)} pdict_is_list=#{is_list(pdict)}")
:sys.suspend(server)
{:status, _, _, [_, mode, _, _, _]} = :sys.get_status(server)
IO.puts("suspended mode: #{inspect(mode)}")
IO.puts("terminate while suspended: #{inspect(:sys.terminate(server, :shutdown))}")

receive do
  {:terminate, reason, state} -> IO.puts("terminate/2: #{inspect(reason)} #{inspect(state)}")
end

Process.sleep(10)
IO.puts("server alive: #{Process.alive?(server)}")

# A linked, trapping server runs terminate/2 when its parent exits.
spawn(fn ->
  {:ok, s} = GenServer.start_link(Trapper, :trap)
  send(:main, {:server, s})
  exit(:shutdown)
end)

receive do
  {:server, _s} -> :ok
end

receive do
  {:terminate, reason, state} -> IO.puts("terminate on parent exit: #{inspect(reason)} #{inspect(state)}")
end

{:ok, sp, :arg} = Special.start_link(:arg)
IO.puts("proc_lib start_link: #{is_pid(sp)} ancestors=#{inspect(Process.info(sp, :dictionary) |> elem(1) |> K.get(:"$ancestors"))}")
send(sp, :stop)

IO.puts("logger level: #{inspect(Logger.level())}")
Logger.configure(level: :error)
IO.puts("logger level: #{inspect(Logger.level())}")
Logger.info("not shown")
Logger.warning("not shown either")
:logger.set_primary_config(:level, :none)
Logger.error("silenced")
IO.puts("done")
f = fn g ->
  try do
    g.()
  catch
    :exit, r -> r
  end
end

IO.puts("sys noproc: #{inspect(f.(fn -> :sys.get_state(:nope) end))}")
IO.puts("sys noproc timeout: #{inspect(f.(fn -> :sys.suspend(:nope, 100) end))}")
IO.puts("sys change_code noproc: #{inspect(f.(fn -> :sys.change_code(:nope, M, 1, 2) end))}")
IO.puts("stop noproc: #{inspect(f.(fn -> GenServer.stop(:nope) end))}")
{:ok, ag} = Agent.start(fn -> 1 end)
IO.puts("agent stop with reason: #{inspect(Agent.stop(ag, :shutdown))}")
