# Node, :net_kernel and :net_adm: a retort node in an Erlang cluster (vm/src/dist/); :erpc and
# :rpc are in erpc.ex.
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

  # Node.spawn*/2,4: on another node, a spawn request (OTP 25 erlang:spawn_opt/5 for a node);
  # a fun travels as erlang:apply(fun, []).
  def spawn(node, fun) when is_function(fun, 0), do: spawn_on(node, :erlang, :apply, [fun, []], [])
  def spawn(node, module, fun, args), do: spawn_on(node, module, fun, args, [])
  def spawn_link(node, fun) when is_function(fun, 0), do: spawn_on(node, :erlang, :apply, [fun, []], [:link])
  def spawn_link(node, module, fun, args), do: spawn_on(node, module, fun, args, [:link])
  def spawn_monitor(node, fun) when is_function(fun, 0), do: spawn_on(node, :erlang, :apply, [fun, []], [:monitor])
  def spawn_monitor(node, module, fun, args), do: spawn_on(node, module, fun, args, [:monitor])

  defp spawn_on(node, m, f, a, opts) when is_atom(node) and is_atom(m) and is_atom(f) and is_list(a) do
    if node == :erlang.node() do
      case opts do
        [:link] -> Kernel.spawn_link(m, f, a)
        [:monitor] -> Kernel.spawn_monitor(m, f, a)
        _ -> Kernel.spawn(m, f, a)
      end
    else
      req = :erlang.spawn_request(node, m, f, a, [{:reply, :yes} | opts])

      receive do
        {:spawn_reply, ^req, :ok, pid} ->
          if opts == [:monitor], do: {pid, req}, else: pid

        {:spawn_reply, ^req, :error, :badopt} ->
          :erlang.error(:badarg)

        {:spawn_reply, ^req, :error, :system_limit} ->
          :erlang.error(:system_limit)

        {:spawn_reply, ^req, :error, reason} ->
          # As erts_internal:crasher: a local process that exits with the reason.
          spawn_on(:erlang.node(), :erlang, :exit, [reason], opts)
      end
    end
  end

  defp spawn_on(_node, _m, _f, _a, _opts), do: :erlang.error(:badarg)

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

# :erlang's spawns on a node (OTP 23+: spawn/2,4, spawn_link/2,4, spawn_monitor/2,4), the
# same spawn requests as Node's; the local spawns of :erlang are natives (bif/process.rs).
defmodule :erlang do
  def spawn(node, fun) when is_atom(node) and is_function(fun, 0), do: Node.spawn(node, fun)
  def spawn(_node, _fun), do: :erlang.error(:badarg)
  def spawn(node, m, f, a) when is_atom(node) and is_atom(m) and is_atom(f) and is_list(a), do: Node.spawn(node, m, f, a)
  def spawn(_node, _m, _f, _a), do: :erlang.error(:badarg)
  def spawn_link(node, fun) when is_atom(node) and is_function(fun, 0), do: Node.spawn_link(node, fun)
  def spawn_link(_node, _fun), do: :erlang.error(:badarg)
  def spawn_link(node, m, f, a) when is_atom(node) and is_atom(m) and is_atom(f) and is_list(a), do: Node.spawn_link(node, m, f, a)
  def spawn_link(_node, _m, _f, _a), do: :erlang.error(:badarg)
  def spawn_monitor(node, fun) when is_atom(node) and is_function(fun, 0), do: Node.spawn_monitor(node, fun)
  def spawn_monitor(_node, _fun), do: :erlang.error(:badarg)
  def spawn_monitor(node, m, f, a) when is_atom(node) and is_atom(m) and is_atom(f) and is_list(a), do: Node.spawn_monitor(node, m, f, a)
  def spawn_monitor(_node, _m, _f, _a), do: :erlang.error(:badarg)
end
