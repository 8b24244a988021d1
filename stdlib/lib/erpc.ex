# :erpc and :rpc over the distribution's spawn requests (vm/src/dist/spawn.rs), as OTP 25's
# erpc.erl and rpc.erl define them: a call is a spawn request of :erpc.execute_call/4 on the
# other node with a monitor, and the result travels back as the monitored process's exit
# reason ({ref, :return | :throw | :exit, value} or {ref, :error, reason, stack}). So a BEAM
# node's :erpc.call/:rpc.call reaches this module's execute_call/4, and this node's reaches
# the BEAM's. Also here: the registered :rex server (for an OTP node whose rpc:cast still goes
# through rex, and its features request) and :retort_group_leader, the group leader of
# processes this node spawns elsewhere (it answers their io requests on this node's stdout).

defmodule :erpc do
  def call(n, fun) when is_function(fun, 0), do: call(n, :erlang, :apply, [fun, []], :infinity)
  def call(_n, _fun), do: :erlang.error({:erpc, :badarg})

  def call(n, fun, t) when is_function(fun, 0), do: call(n, :erlang, :apply, [fun, []], t)
  def call(_n, _fun, _t), do: :erlang.error({:erpc, :badarg})

  def call(n, m, f, a), do: call(n, m, f, a, :infinity)

  def call(n, m, f, a, t) when is_atom(n) and is_atom(m) and is_atom(f) and is_list(a) do
    if n == :erlang.node() and t == :infinity do
      try do
        {:return, v} = execute_call(m, f, a)
        v
      catch
        :exit, r -> exit({:exception, r})
        :error, r -> :erlang.error({:exception, r, trim_stack(__STACKTRACE__, m, f, a)})
      end
    else
      _ = timeout_value(t)

      # Raised here, so the caller's stack starts at erpc's call/5 as OTP's does (its
      # result/4 is inlined).
      case wait_response(send_request(n, m, f, a), t) do
        {:return, v} -> v
        {:throw, v} -> throw(v)
        {:exit, r} -> exit(r)
        {:error, r} -> :erlang.error(r)
      end
    end
  end

  def call(_n, _m, _f, _a, _t), do: :erlang.error({:erpc, :badarg})

  def cast(n, fun) when is_function(fun, 0), do: cast(n, :erlang, :apply, [fun, []])

  def cast(n, m, f, a) when is_atom(n) and is_atom(m) and is_atom(f) and is_list(a) do
    _ = :erlang.spawn_request(n, :erpc, :execute_cast, [m, f, a], [{:reply, :no}])
    :ok
  end

  def cast(_n, _m, _f, _a), do: :erlang.error({:erpc, :badarg})

  # A request id is [res | spawn request reference], as erpc's is.
  def send_request(n, m, f, a) when is_atom(n) and is_atom(m) and is_atom(f) and is_list(a) do
    res = make_ref()
    [res | :erlang.spawn_request(n, :erpc, :execute_call, [res, m, f, a], [{:reply, :error_only}, :monitor])]
  end

  def receive_response(rid), do: receive_response(rid, :infinity)

  def receive_response([res | req] = rid, t) when is_reference(res) and is_reference(req) do
    case wait_response(rid, t) do
      {:return, v} -> v
      {:throw, v} -> throw(v)
      {:exit, r} -> exit(r)
      {:error, r} -> :erlang.error(r)
    end
  end

  # The outcome of a request as {:return, value} or {class, reason} to raise.
  defp wait_response([res | req], t) when is_reference(res) and is_reference(req) do
    timeout = timeout_value(t)

    receive do
      {:spawn_reply, ^req, :error, reason} -> result(:spawn_reply, req, res, reason)
      {:DOWN, ^req, :process, _, reason} -> result(:down, req, res, reason)
    after
      timeout -> result(:timeout, req, res, :undefined)
    end
  end

  def multicall(ns, fun) when is_function(fun, 0), do: multicall(ns, :erlang, :apply, [fun, []], :infinity)
  def multicall(ns, m, f, a), do: multicall(ns, m, f, a, :infinity)

  # Every request is sent first, then the answers are collected in order against one
  # deadline; each is {:ok, value} or {class, reason} as erpc:multicall/5 returns them.
  def multicall(ns, m, f, a, t) when is_list(ns) and is_atom(m) and is_atom(f) and is_list(a) do
    deadline =
      case timeout_value(t) do
        :infinity -> :infinity
        ms -> :erlang.monotonic_time(:millisecond) + ms
      end

    rids = Enum.map(ns, fn n -> send_request(n, m, f, a) end)

    Enum.map(rids, fn rid ->
      try do
        {:ok, receive_response(rid, time_left(deadline))}
      catch
        class, reason -> {class, reason}
      end
    end)
  end

  def multicall(_ns, _m, _f, _a, _t), do: :erlang.error({:erpc, :badarg})

  def multicast(ns, fun) when is_function(fun, 0), do: multicast(ns, :erlang, :apply, [fun, []])

  def multicast(ns, m, f, a) do
    Enum.each(ns, fn n -> cast(n, m, f, a) end)
    :ok
  end

  # Runs on the called node; the result is the exit reason the caller's monitor reports.
  def execute_call(ref, m, f, a) do
    reply =
      try do
        {ref, :return, apply(m, f, a)}
      catch
        :throw, r -> {ref, :throw, r}
        :exit, r -> {ref, :exit, r}
        :error, r -> {ref, :error, r, trim_stack(__STACKTRACE__, m, f, a)}
      end

    exit(reply)
  end

  def execute_call(m, f, a), do: {:return, apply(m, f, a)}

  def execute_cast(m, f, a) do
    try do
      apply(m, f, a)
    catch
      :error, r -> :erlang.error({:exception, {r, trim_stack(__STACKTRACE__, m, f, a)}})
    end
  end

  # As OTP 25's erpc:trim_stack/4: the stack of an error in apply(m, f, a) without the frames
  # of erpc itself (execute_call/execute_cast and what called them). When the applied
  # function's own frame is missing (a native raised), {m, f, a, []} stands for it; a stack
  # with no erpc frame is kept whole.
  def trim_stack([cf | _], m, f, a) when is_tuple(cf) and tuple_size(cf) == 4 and elem(cf, 0) == :erpc and elem(cf, 1) in [:execute_call, :execute_cast] do
    [{m, f, a, []}]
  end

  def trim_stack([{m, f, a, _} = sf, cf | _], m, f, a) when is_tuple(cf) and tuple_size(cf) == 4 and elem(cf, 0) == :erpc and elem(cf, 1) in [:execute_call, :execute_cast] do
    [sf]
  end

  def trim_stack(stack, m, f, a) do
    case trim_stack_aux(stack, m, f, a, []) do
      :use_all -> stack
      trimmed -> trimmed
    end
  end

  defp trim_stack_aux([], _m, _f, _a, _acc), do: :use_all

  defp trim_stack_aux([sf | rest], m, f, a, acc) do
    cond do
      cut_frame?(sf) ->
        :lists.reverse(acc, [{m, f, length(a), []}])

      own_frame?(sf, m, f, a) and match?([_ | _], rest) and cut_frame?(hd(rest)) ->
        :lists.reverse(acc, [sf])

      true ->
        trim_stack_aux(rest, m, f, a, [sf | acc])
    end
  end

  defp own_frame?({m, f, arity, _}, m, f, a) when arity == length(a), do: true
  defp own_frame?(_, _m, _f, _a), do: false

  defp cut_frame?({:erpc, fun, _, _}) when fun in [:execute_call, :execute_cast], do: true
  defp cut_frame?(_), do: false

  # erpc.erl's result/4, answering what to raise instead of raising it.
  defp result(:down, _req, res, {res, :return, v}), do: {:return, v}
  defp result(:down, _req, res, {res, :throw, v}), do: {:throw, v}
  defp result(:down, _req, res, {res, :exit, r}), do: {:exit, {:exception, r}}
  defp result(:down, _req, res, {res, :error, r, stack}), do: {:error, {:exception, r, stack}}
  defp result(:down, _req, res, {res, :error, {:erpc, _} = e}), do: {:error, e}
  defp result(:down, _req, _res, :noconnection), do: {:error, {:erpc, :noconnection}}
  defp result(:down, _req, _res, reason), do: {:exit, {:signal, reason}}
  defp result(:spawn_reply, _req, _res, reason), do: {:error, {:erpc, reason}}

  defp result(:timeout, req, res, _) do
    abandoned =
      case :erlang.spawn_request_abandon(req) do
        true -> true
        false -> Process.demonitor(req, [:info])
      end

    if abandoned do
      {:error, {:erpc, :timeout}}
    else
      receive do
        {:spawn_reply, ^req, :error, reason} -> result(:spawn_reply, req, res, reason)
        {:DOWN, ^req, :process, _, reason} -> result(:down, req, res, reason)
      after
        0 -> {:error, {:erpc, :badarg}}
      end
    end
  end

  defp timeout_value(:infinity), do: :infinity
  defp timeout_value(t) when is_integer(t) and t >= 0 and t <= 4_294_967_295, do: t
  defp timeout_value(_), do: :erlang.error({:erpc, :badarg})

  defp time_left(:infinity), do: :infinity
  defp time_left(deadline), do: max(deadline - :erlang.monotonic_time(:millisecond), 0)

  # The registered :retort_group_leader (started by dist::start): io requests of processes
  # this node spawned on other nodes are written here.
  def __retort_group_leader__() do
    receive do
      {:io_request, from, reply_as, req} -> send(from, {:io_reply, reply_as, io_request(req)})
      _ -> :ok
    end

    __retort_group_leader__()
  end

  defp io_request({:put_chars, _enc, chars}), do: put(chars)
  defp io_request({:put_chars, chars}), do: put(chars)
  defp io_request({:put_chars, _enc, m, f, a}), do: put(apply(m, f, a))
  defp io_request({:requests, reqs}), do: Enum.reduce(reqs, :ok, fn r, _ -> io_request(r) end)
  defp io_request(_), do: {:error, :request}

  defp put(chars) do
    IO.write(chars)
    :ok
  end
end

defmodule :rpc do
  def call(n, m, f, a), do: call(n, m, f, a, :infinity)

  # rpc.erl's ?RPCIFY over erpc:call/5.
  def call(n, m, f, a, t) do
    outcome =
      try do
        {:ok, :erpc.call(n, m, f, a, t)}
      catch
        class, reason -> {:caught, rpcify_exception(class, reason)}
      end

    case outcome do
      {:ok, {:EXIT, _} = bad} -> {:badrpc, bad}
      {_, v} -> v
    end
  end

  def block_call(n, m, f, a), do: call(n, m, f, a, :infinity)
  def block_call(n, m, f, a, t), do: call(n, m, f, a, t)

  def cast(n, m, f, a) do
    try do
      :ok = :erpc.cast(n, m, f, a)
    catch
      :error, {:erpc, :badarg} -> :erlang.error(:badarg)
    end

    true
  end

  def multicall(m, f, a), do: multicall([:erlang.node() | :erlang.nodes()], m, f, a, :infinity)
  def multicall(ns, m, f, a) when is_list(ns), do: multicall(ns, m, f, a, :infinity)
  def multicall(m, f, a, t), do: multicall([:erlang.node() | :erlang.nodes()], m, f, a, t)

  def multicall(ns, m, f, a, t) do
    rs =
      try do
        :erpc.multicall(ns, m, f, a, t)
      catch
        :error, {:erpc, :badarg} -> :erlang.error(:badarg)
      end

    multicallify(ns, rs, [], [])
  end

  def eval_everywhere(m, f, a), do: eval_everywhere([:erlang.node() | :erlang.nodes()], m, f, a)

  def eval_everywhere(ns, m, f, a) do
    Enum.each(ns, fn n -> cast(n, m, f, a) end)
    :abcast
  end

  defp multicallify([], [], ok, err), do: {Enum.reverse(ok), Enum.reverse(err)}
  defp multicallify([_ | ns], [{:ok, {:EXIT, _} = e} | rs], ok, err), do: multicallify(ns, rs, [{:badrpc, e} | ok], err)
  defp multicallify([_ | ns], [{:ok, v} | rs], ok, err), do: multicallify(ns, rs, [v | ok], err)

  defp multicallify([n | ns], [{:error, {:erpc, r}} | rs], ok, err) when r in [:timeout, :noconnection],
    do: multicallify(ns, rs, ok, [n | err])

  defp multicallify([_ | ns], [{class, reason} | rs], ok, err), do: multicallify(ns, rs, [rpcify_exception(class, reason) | ok], err)

  defp rpcify_exception(:throw, {:EXIT, _} = bad), do: {:badrpc, bad}
  defp rpcify_exception(:throw, v), do: v
  defp rpcify_exception(:exit, {:exception, e}), do: {:badrpc, {:EXIT, e}}
  defp rpcify_exception(:exit, {:signal, r}), do: {:badrpc, {:EXIT, r}}
  defp rpcify_exception(:exit, r), do: exit(r)
  defp rpcify_exception(:error, {:exception, e, stack}), do: {:badrpc, {:EXIT, {e, stack}}}
  defp rpcify_exception(:error, {:erpc, :badarg}), do: :erlang.error(:badarg)
  defp rpcify_exception(:error, {:erpc, :noconnection}), do: {:badrpc, :nodedown}
  defp rpcify_exception(:error, {:erpc, :timeout}), do: {:badrpc, :timeout}
  defp rpcify_exception(:error, {:erpc, :notsup}), do: {:badrpc, :notsup}
  defp rpcify_exception(:error, {:erpc, e}), do: {:badrpc, {:EXIT, e}}
  defp rpcify_exception(:error, r), do: :erlang.error(r)

  # The registered :rex (started by dist::start), for OTP nodes that still go through it:
  # the features request of rpc's node observer, {:call, ...} and {:cast, ...} (rpc.erl's
  # handle_call/handle_cast), each run in its own process.
  def __retort_rex__() do
    receive do
      {from, :features_request} when is_pid(from) ->
        send(from, {:features_reply, :erlang.node(), [:erpc]})

      {:"$gen_call", {pid, tag}, {:call, m, f, a, _gl}} ->
        spawn(fn -> send(pid, {tag, rex_apply(m, f, a)}) end)

      {:"$gen_cast", {:cast, m, f, a, _gl}} ->
        spawn(fn -> apply(m, f, a) end)

      _ ->
        :ok
    end

    __retort_rex__()
  end

  defp rex_apply(m, f, a) do
    try do
      apply(m, f, a)
    catch
      :throw, v -> v
      :exit, r -> {:badrpc, {:EXIT, r}}
      :error, r -> {:badrpc, {:EXIT, {r, __STACKTRACE__}}}
    end
  end
end
