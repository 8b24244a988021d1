# Node, :net_kernel and :net_adm: a retort node in an Erlang cluster (vm/src/dist/).
# Follows Elixir 1.14's node.ex and OTP 25's net_kernel.erl / net_adm.erl: connecting is a
# native that starts an I/O thread and answers a reference; the caller then waits in a
# receive for {:retort_dist_connect, ref, result}, so the scheduler never blocks.

defmodule Node do
  def self(), do: :erlang.node()

  def alive?(), do: :erlang.is_alive()

  def list(), do: :erlang.nodes()

  def list(args), do: :erlang.nodes(args)

  def connect(node) when is_atom(node), do: :net_kernel.connect_node(node)

  def disconnect(node) when is_atom(node), do: :erlang.disconnect_node(node)

  def ping(node) when is_atom(node), do: :net_adm.ping(node)

  def monitor(node, flag) when is_atom(node) and is_boolean(flag), do: :erlang.monitor_node(node, flag)

  def get_cookie(), do: :erlang.get_cookie()

  def set_cookie(node \\ Node.self(), cookie) when is_atom(cookie) do
    :erlang.set_cookie(node, cookie)
  end
end

defmodule :net_kernel do
  # true, false, or :ignored when this node is not alive.
  def connect_node(node) do
    case :retort_dist.connect(node) do
      ref when is_reference(ref) ->
        receive do
          {:retort_dist_connect, ^ref, result} -> result
        end

      result ->
        result
    end
  end

  def disconnect(node), do: :erlang.disconnect_node(node)

  # {:nodeup, node} / {:nodedown, node} to the caller for every connection.
  def monitor_nodes(flag), do: :retort_dist.monitor_nodes(flag)

  # The registered :net_kernel process (started by dist::start): answers the
  # {:is_auth, node} call that the BEAM's Node.ping/1 makes, echoing its tag exactly.
  def __retort_loop__() do
    receive do
      {:"$gen_call", {pid, tag}, {:is_auth, _node}} ->
        send(pid, {tag, :yes})

      {:"$gen_call", {pid, tag}, {:connect, _type, node}} ->
        send(pid, {tag, connect_node(node)})

      _ ->
        :ok
    end

    __retort_loop__()
  end
end

defmodule :net_adm do
  # net_adm:ping/1: connect, then the {:is_auth, node()} call to the peer's net_kernel.
  def ping(node) do
    cond do
      node == :erlang.node() and :erlang.is_alive() ->
        :pong

      :net_kernel.connect_node(node) == true ->
        ref = make_ref()
        send({:net_kernel, node}, {:"$gen_call", {self(), ref}, {:is_auth, :erlang.node()}})

        receive do
          {^ref, :yes} -> :pong
          {^ref, _} -> :pang
        after
          7000 -> :pang
        end

      true ->
        :pang
    end
  end
end

defmodule :rpc do
  # retort → BEAM only: the BEAM's registered `rex` server still answers the
  # {:call, m, f, a, group_leader} call (OTP 25 rpc.erl handle_call). A call to this node
  # runs here. Exits become {:badrpc, reason}, as rpc:call/5 returns them.
  def call(node, m, f, a, timeout \\ :infinity) do
    if node == :erlang.node() do
      try do
        apply(m, f, a)
      catch
        :throw, v -> v
        :exit, r -> {:badrpc, {:EXIT, r}}
        :error, r -> {:badrpc, {:EXIT, {r, __STACKTRACE__}}}
      end
    else
      try do
        GenServer.call({:rex, node}, {:call, m, f, a, self()}, timeout)
      catch
        :exit, {:timeout, _} -> {:badrpc, :timeout}
        :exit, {{:nodedown, n}, _} -> {:badrpc, {:nodedown, n}}
        :exit, {:noconnection, _} -> {:badrpc, :nodedown}
        :exit, {r, _} -> {:badrpc, r}
      end
    end
  end
end
