defmodule GenServer do
  @moduledoc """
  Generic servers, written in the language (Erlang's `gen_server` and Elixir's `GenServer`).

  The server loop lives in this module and calls the callback module by remote call
  (`mod.handle_call(...)` with `mod` a variable) for every message, so a newly loaded callback
  module handles the very next call, cast or plain message (hot-code rule R29). Between two
  messages the server holds no frame of the callback module. The loop is a special process:
  `{:system, from, request}` messages go to `:sys.handle_system_msg/6` (R23–R28), which comes
  back through `system_continue/3`.

  A call is `{:"$gen_call", {pid, tag}, request}`, a cast `{:"$gen_cast", request}`; the
  misc term handed to `:sys` is `{name, state, mod, timeout}`.
  """

  # ------------------------------------------------------------------ starting

  @doc "Starts a server without a link; `{:ok, pid}`, `:ignore` or `{:error, reason}`."
  def start(module, init_arg, options \\ []) do
    do_start(:nolink, module, init_arg, options)
  end

  @doc "Starts a server linked to the caller."
  def start_link(module, init_arg, options \\ []) do
    do_start(:link, module, init_arg, options)
  end

  defp do_start(link, module, init_arg, options) do
    name =
      case option(options, :name) do
        {:ok, n} -> n
        :error -> nil
      end

    check_name(name)
    starter = self()

    pid =
      case link do
        :link -> :proc_lib.spawn_link(GenServer, :init_it, [starter, starter, name, module, init_arg])
        :nolink -> :proc_lib.spawn(GenServer, :init_it, [starter, :self, name, module, init_arg])
      end

    ref = Process.monitor(pid)

    receive do
      {:ack, ^pid, result} ->
        Process.demonitor(ref, [:flush])
        result

      {:DOWN, ^ref, :process, ^pid, reason} ->
        {:error, reason}
    end
  end

  defp option([], _key), do: :error
  defp option([{key, value} | _], key), do: {:ok, value}
  defp option([_ | rest], key), do: option(rest, key)

  defp check_name(nil), do: :ok
  defp check_name(name) when is_atom(name), do: :ok
  defp check_name({:global, _}), do: :ok
  defp check_name({:via, mod, _}) when is_atom(mod), do: :ok

  defp check_name(other) do
    raise ArgumentError,
          "expected :name option to be one of the following:\n\n  * nil\n  * atom\n  * {:global, term}\n  * {:via, module, term}\n\nGot: " <>
            inspect(other) <> "\n"
  end

  defp register_name(nil), do: :ok

  defp register_name(name) when is_atom(name) do
    case Process.whereis(name) do
      nil ->
        Process.register(self(), name)
        :ok

      pid ->
        {:error, {:already_started, pid}}
    end
  end

  defp register_name({:via, mod, name}) do
    case mod.register_name(name, self()) do
      :yes -> :ok
      :no -> {:error, {:already_started, mod.whereis_name(name)}}
    end
  end

  defp register_name({:global, _}), do: :ok

  defp unregister_name(name) when is_atom(name) and name != nil do
    try do
      Process.unregister(name)
    catch
      _, _ -> :ok
    end
  end

  defp unregister_name({:via, mod, name}), do: mod.unregister_name(name)
  defp unregister_name(_), do: :ok

  @doc false
  def init_it(starter, parent, name, mod, init_arg) do
    parent = if parent == :self, do: self(), else: parent
    # As OTP's proc_lib translates a gen_server's initial call: `{mod, :init, 1}`, which is
    # how `retort upgrade` finds the processes of a callback module.
    Process.put(:"$initial_call", {mod, :init, 1})

    case register_name(name) do
      :ok ->
        result =
          try do
            {:ok, mod.init(init_arg)}
          catch
            :throw, value -> {:ok, value}
            kind, reason -> {:crash, kind, reason, __STACKTRACE__}
          end

        init_result(result, starter, parent, name, mod)

      {:error, _} = error ->
        :proc_lib.init_ack(starter, error)
        exit(:normal)
    end
  end

  defp init_result({:ok, {:ok, state}}, starter, parent, name, mod) do
    :proc_lib.init_ack(starter, {:ok, self()})
    loop(parent, name, state, mod, :infinity, [])
  end

  defp init_result({:ok, {:ok, state, {:continue, cont}}}, starter, parent, name, mod) do
    :proc_lib.init_ack(starter, {:ok, self()})
    handle_msg({:"$continue", cont}, parent, name, state, mod, [])
  end

  defp init_result({:ok, {:ok, state, :hibernate}}, starter, parent, name, mod) do
    :proc_lib.init_ack(starter, {:ok, self()})
    loop(parent, name, state, mod, :infinity, [])
  end

  defp init_result({:ok, {:ok, state, timeout}}, starter, parent, name, mod)
       when timeout == :infinity or (is_integer(timeout) and timeout >= 0) do
    :proc_lib.init_ack(starter, {:ok, self()})
    loop(parent, name, state, mod, timeout, [])
  end

  defp init_result({:ok, :ignore}, starter, _parent, name, _mod) do
    unregister_name(name)
    :proc_lib.init_ack(starter, :ignore)
    exit(:normal)
  end

  defp init_result({:ok, {:stop, reason}}, starter, _parent, name, _mod) do
    unregister_name(name)
    :proc_lib.init_ack(starter, {:error, reason})
    exit(reason)
  end

  defp init_result({:ok, other}, starter, _parent, name, _mod) do
    unregister_name(name)
    reason = {:bad_return_value, other}
    :proc_lib.init_ack(starter, {:error, reason})
    exit(reason)
  end

  defp init_result({:crash, kind, reason, stack}, starter, _parent, name, _mod) do
    unregister_name(name)
    exit_reason = exit_reason(kind, reason, stack)
    :proc_lib.init_ack(starter, {:error, exit_reason})
    exit(exit_reason)
  end

  # ------------------------------------------------------------------ client API

  @doc """
  Makes a synchronous call and waits `timeout` ms (default 5000) for the reply. Exits with
  `{reason, {GenServer, :call, [server, request, timeout]}}` when the server does not exist
  (`:noproc`), dies (its exit reason) or does not answer in time (`:timeout`).
  """
  def call(server, request, timeout \\ 5000) do
    case whereis(server) do
      nil ->
        exit({:noproc, {GenServer, :call, [server, request, timeout]}})

      pid when pid == self() ->
        exit({:calling_self, {GenServer, :call, [server, request, timeout]}})

      pid ->
        result =
          try do
            :gen.do_call(pid, :"$gen_call", request, timeout)
          catch
            :exit, reason -> {:exit, reason}
          end

        case result do
          {:ok, reply} -> reply
          {:exit, reason} -> exit({reason, {GenServer, :call, [server, request, timeout]}})
        end
    end
  end

  @doc "Sends an asynchronous request; always `:ok`."
  def cast(server, request) do
    msg = {:"$gen_cast", request}

    case server do
      {:via, mod, name} ->
        try do
          mod.send(name, msg)
        catch
          _, _ -> :ok
        end

      _ ->
        case whereis(server) do
          nil -> :ok
          pid -> send(pid, msg)
        end
    end

    :ok
  end

  @doc "Replies to a client from a callback that returned `{:noreply, state}`."
  def reply(from, reply) do
    :gen.reply(from, reply)
    :ok
  end

  @doc "Stops the server with `reason` (default `:normal`), waiting for it to terminate."
  def stop(server, reason \\ :normal, timeout \\ :infinity) do
    case whereis(server) do
      nil ->
        exit({:noproc, {GenServer, :stop, [server, reason, timeout]}})

      pid ->
        result =
          try do
            :proc_lib.stop(pid, reason, timeout)
          catch
            :exit, r -> {:exit, r}
          end

        case result do
          :ok -> :ok
          {:exit, r} -> exit({r, {GenServer, :stop, [server, reason, timeout]}})
        end
    end
  end

  @doc "The pid of a server given as a pid or a name; `nil` if it is not running."
  def whereis(server), do: :gen.where(server)

  # ------------------------------------------------------------------ the loop

  @doc false
  def loop(parent, name, state, mod, :infinity, debug) do
    receive do
      msg -> decode_msg(msg, parent, name, state, mod, :infinity, debug)
    end
  end

  def loop(parent, name, state, mod, timeout, debug) do
    receive do
      msg -> decode_msg(msg, parent, name, state, mod, timeout, debug)
    after
      timeout -> handle_msg(:timeout, parent, name, state, mod, debug)
    end
  end

  defp decode_msg({:system, from, request}, parent, name, state, mod, timeout, debug) do
    :sys.handle_system_msg(request, from, parent, GenServer, debug, {name, state, mod, timeout})
  end

  defp decode_msg({:EXIT, pid, reason} = msg, parent, name, state, mod, _timeout, debug) do
    if pid == parent and pid != self() do
      terminate(:exit, reason, [], msg, nil, name, state, mod)
    else
      handle_msg(msg, parent, name, state, mod, debug)
    end
  end

  defp decode_msg(msg, parent, name, state, mod, _timeout, debug) do
    handle_msg(msg, parent, name, state, mod, debug)
  end

  defp handle_msg({:"$gen_call", from, request} = msg, parent, name, state, mod, debug) do
    case try_callback(mod, :handle_call, [request, from, state]) do
      {:ok, {:reply, reply, nstate}} ->
        reply(from, reply)
        loop(parent, name, nstate, mod, :infinity, debug)

      {:ok, {:reply, reply, nstate, extra}} ->
        reply(from, reply)
        after_callback(extra, parent, name, nstate, mod, debug, msg, from)

      {:ok, {:stop, reason, reply, nstate}} ->
        exit_reason = do_terminate(:exit, reason, [], msg, from, name, nstate, mod)
        reply(from, reply)
        exit(exit_reason)

      {:ok, other} ->
        handle_common_reply(other, parent, name, state, mod, debug, msg, from)

      {:crash, kind, reason, stack} ->
        terminate(kind, reason, stack, msg, from, name, state, mod)
    end
  end

  defp handle_msg({:"$gen_cast", request} = msg, parent, name, state, mod, debug) do
    result = try_callback(mod, :handle_cast, [request, state])
    handle_result(result, parent, name, state, mod, debug, msg)
  end

  defp handle_msg({:"$continue", cont} = msg, parent, name, state, mod, debug) do
    result = try_callback(mod, :handle_continue, [cont, state])
    handle_result(result, parent, name, state, mod, debug, msg)
  end

  defp handle_msg(msg, parent, name, state, mod, debug) do
    if function_exported?(mod, :handle_info, 2) do
      result = try_callback(mod, :handle_info, [msg, state])
      handle_result(result, parent, name, state, mod, debug, msg)
    else
      # gen_server drops a message the module has no handle_info/2 for (its log line is
      # filtered out by Elixir's default logger configuration).
      loop(parent, name, state, mod, :infinity, debug)
    end
  end

  defp handle_result({:ok, reply}, parent, name, state, mod, debug, msg) do
    handle_common_reply(reply, parent, name, state, mod, debug, msg, nil)
  end

  defp handle_result({:crash, kind, reason, stack}, _parent, name, state, mod, _debug, msg) do
    terminate(kind, reason, stack, msg, nil, name, state, mod)
  end

  defp handle_common_reply(reply, parent, name, state, mod, debug, msg, from) do
    case reply do
      {:noreply, nstate} ->
        loop(parent, name, nstate, mod, :infinity, debug)

      {:noreply, nstate, extra} ->
        after_callback(extra, parent, name, nstate, mod, debug, msg, from)

      {:stop, reason, nstate} ->
        terminate(:exit, reason, [], msg, from, name, nstate, mod)

      other ->
        terminate(:exit, {:bad_return_value, other}, [], msg, from, name, state, mod)
    end
  end

  defp after_callback(:hibernate, parent, name, state, mod, debug, _msg, _from) do
    loop(parent, name, state, mod, :infinity, debug)
  end

  defp after_callback({:continue, cont}, parent, name, state, mod, debug, _msg, _from) do
    handle_msg({:"$continue", cont}, parent, name, state, mod, debug)
  end

  defp after_callback(timeout, parent, name, state, mod, debug, _msg, _from)
       when timeout == :infinity or (is_integer(timeout) and timeout >= 0) do
    loop(parent, name, state, mod, timeout, debug)
  end

  defp after_callback(other, _parent, name, state, mod, _debug, msg, from) do
    terminate(:exit, {:bad_return_value, other}, [], msg, from, name, state, mod)
  end

  # Calls mod.fun(args...) by remote call; a throw is a return value, as in gen_server.
  defp try_callback(mod, fun, args) do
    try do
      {:ok, apply(mod, fun, args)}
    catch
      :throw, value -> {:ok, value}
      kind, reason -> {:crash, kind, reason, __STACKTRACE__}
    end
  end

  # ------------------------------------------------------------------ terminating

  defp exit_reason(:exit, reason, _stack), do: reason
  defp exit_reason(:error, reason, stack), do: {reason, stack}
  defp exit_reason(:throw, value, stack), do: {{:nocatch, value}, stack}

  defp terminate(kind, reason, stack, msg, from, name, state, mod) do
    exit(do_terminate(kind, reason, stack, msg, from, name, state, mod))
  end

  # Calls mod.terminate/2 (when exported), logs the error report for an abnormal reason and
  # returns the reason the server must exit with.
  defp do_terminate(kind, reason, stack, msg, from, name, state, mod) do
    exit_reason = exit_reason(kind, reason, stack)

    result =
      if function_exported?(mod, :terminate, 2) do
        try do
          mod.terminate(exit_reason, state)
          :ok
        catch
          k, r -> {:crash, k, r, __STACKTRACE__}
        end
      else
        :ok
      end

    case result do
      :ok ->
        if normal_reason?(exit_reason) do
          exit_reason
        else
          report(exit_reason, msg, from, name, state)
          exit_reason
        end

      {:crash, k, r, s} ->
        terminate_reason = exit_reason(k, r, s)
        report(terminate_reason, msg, from, name, state)
        terminate_reason
    end
  end

  defp normal_reason?(:normal), do: true
  defp normal_reason?(:shutdown), do: true
  defp normal_reason?({:shutdown, _}), do: true
  defp normal_reason?(_), do: false

  defp report(reason, msg, from, name, state) do
    if :retort_otp.enabled(:error) do
      who = if name == nil, do: inspect(self()), else: inspect(name)
      header = "GenServer " <> who <> " terminating" <> :retort_otp.format_reason(reason)

      last =
        case {msg, from} do
          {{:"$gen_call", _, request}, {pid, _}} ->
            "\nLast message (from " <> client_name(pid) <> "): " <> inspect(request)

          {{:"$gen_cast", _}, _} ->
            "\nLast message: " <> inspect(msg)

          {{:"$continue", _}, _} ->
            "\nLast message: " <> inspect(msg)

          _ ->
            "\nLast message: " <> inspect(msg)
        end

      client =
        case from do
          {pid, _} when is_pid(pid) ->
            case Process.info(pid, :current_stacktrace) do
              {:current_stacktrace, stack} ->
                "\nClient " <> client_name(pid) <> " is alive\n\n" <>
                  String.trim_trailing(Exception.format_stacktrace(stack))

              nil ->
                "\nClient " <> inspect(pid) <> " is dead"
            end

          _ ->
            ""
        end

      :retort_otp.log(:error, header <> last <> "\nState: " <> inspect(state) <> client)
    end

    :ok
  end

  # OTP names a client by its registered name when it has one.
  defp client_name(pid) do
    case Process.info(pid, :registered_name) do
      {:registered_name, name} when is_atom(name) -> inspect(name)
      _ -> inspect(pid)
    end
  end

  # ------------------------------------------------------------------ :sys callbacks

  @doc false
  def system_continue(parent, debug, {name, state, mod, timeout}) do
    loop(parent, name, state, mod, timeout, debug)
  end

  @doc false
  def system_terminate(reason, _parent, _debug, {name, state, mod, _timeout}) do
    terminate(:exit, reason, [], [], nil, name, state, mod)
  end

  @doc false
  def system_code_change({name, state, mod, timeout}, _module, old_vsn, extra) do
    Code.ensure_loaded(mod)

    result =
      if function_exported?(mod, :code_change, 3) do
        :sys.erl_catch(fn -> mod.code_change(old_vsn, state, extra) end)
      else
        # What the BEAM's catch gives for an undefined callback: the arguments on top.
        {:EXIT, {:undef, [{mod, :code_change, [old_vsn, state, extra], []}]}}
      end

    case result do
      {:ok, new_state} -> {:ok, {name, new_state, mod, timeout}}
      other -> other
    end
  end

  @doc false
  def system_get_state({_name, state, _mod, _timeout}), do: {:ok, state}

  @doc false
  def system_replace_state(fun, {name, state, mod, timeout}) do
    new_state = fun.(state)
    {:ok, new_state, {name, new_state, mod, timeout}}
  end

  @doc false
  def format_status(_opt, [_pdict, sys_state, parent, _debug, {name, state, mod, _timeout}]) do
    header =
      if name == nil do
        to_charlist("Status for generic server " <> inspect(self()))
      else
        to_charlist("Status for generic server " <> inspect(name))
      end

    data =
      if function_exported?(mod, :format_status, 2) do
        mod.format_status(:normal, [Process.get(), state])
      else
        [{:data, [{to_charlist("State"), state}]}]
      end

    [
      {:header, header},
      {:data, [{to_charlist("Status"), sys_state}, {to_charlist("Parent"), parent}, {to_charlist("Logged events"), []}]}
      | data
    ]
  end
end
