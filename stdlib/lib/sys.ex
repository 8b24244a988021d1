defmodule :sys do
  @moduledoc """
  The system message protocol of special processes (Erlang's `sys`, hot-code rules R23–R28).

  Every request is sent as `{:system, from, request}` by a call (`:gen.call/4` with the label
  `:system`); whatever the process replies is what the function returns (`get_state/1,2` and
  `replace_state/2,3` raise on `{:error, reason}`). A special process hands the message to
  `handle_system_msg/6`, which answers it and then continues through remote calls to the
  process's module: `system_continue/3`, `system_terminate/4`, `system_code_change/4`, and
  when exported `system_get_state/1`, `system_replace_state/2`, `format_status/2`.

  While suspended the process waits in `suspend_loop/5` (in this module, so it holds no frame
  of its own code if it entered `handle_system_msg/6` by a tail call) and receives only system
  messages and the `{:EXIT, parent, reason}` of its parent: everything else stays queued.
  `resume` leaves through `module.system_continue/3`, a remote call into the newest code.
  """

  @doc "Suspends the process; `:ok` once it is in its suspended loop."
  def suspend(name), do: send_system_msg(name, :suspend, 5000, :suspend, [name])
  def suspend(name, timeout), do: send_system_msg(name, :suspend, timeout, :suspend, [name, timeout])

  @doc "Resumes a suspended process."
  def resume(name), do: send_system_msg(name, :resume, 5000, :resume, [name])
  def resume(name, timeout), do: send_system_msg(name, :resume, timeout, :resume, [name, timeout])

  @doc "The state of the process (the `misc` term, or `system_get_state/1`'s)."
  def get_state(name), do: state_reply(send_system_msg(name, :get_state, 5000, :get_state, [name]))

  def get_state(name, timeout) do
    state_reply(send_system_msg(name, :get_state, timeout, :get_state, [name, timeout]))
  end

  @doc "Replaces the state with `fun.(state)` and returns the new state."
  def replace_state(name, fun) do
    state_reply(send_system_msg(name, {:replace_state, fun}, 5000, :replace_state, [name, fun]))
  end

  def replace_state(name, fun, timeout) do
    state_reply(send_system_msg(name, {:replace_state, fun}, timeout, :replace_state, [name, fun, timeout]))
  end

  defp state_reply({:error, reason}), do: :erlang.error(reason)
  defp state_reply(state), do: state

  @doc """
  Asks a suspended process to migrate its state: `module.system_code_change(misc, module,
  old_vsn, extra)`; `:ok` or `{:error, _}` (see R26).
  """
  def change_code(name, module, old_vsn, extra) do
    send_system_msg(name, {:change_code, module, old_vsn, extra}, 5000, :change_code, [name, module, old_vsn, extra])
  end

  def change_code(name, module, old_vsn, extra, timeout) do
    send_system_msg(name, {:change_code, module, old_vsn, extra}, timeout, :change_code, [
      name,
      module,
      old_vsn,
      extra,
      timeout
    ])
  end

  @doc "`{:status, pid, {:module, mod}, [pdict, mode, parent, debug, misc]}`."
  def get_status(name), do: send_system_msg(name, :get_status, 5000, :get_status, [name])
  def get_status(name, timeout), do: send_system_msg(name, :get_status, timeout, :get_status, [name, timeout])

  @doc "Makes the process call `system_terminate/4` with `reason`."
  def terminate(name, reason) do
    send_system_msg(name, {:terminate, reason}, :infinity, :terminate, [name, reason])
  end

  def terminate(name, reason, timeout) do
    send_system_msg(name, {:terminate, reason}, timeout, :terminate, [name, reason, timeout])
  end

  @doc "Debug options are accepted and ignored (no tracing)."
  def trace(name, flag), do: send_system_msg(name, {:debug, {:trace, flag}}, 5000, :trace, [name, flag])
  def log(name, flag), do: send_system_msg(name, {:debug, {:log, flag}}, 5000, :log, [name, flag])
  def statistics(name, flag), do: send_system_msg(name, {:debug, {:statistics, flag}}, 5000, :statistics, [name, flag])
  def no_debug(name), do: send_system_msg(name, {:debug, :no_debug}, 5000, :no_debug, [name])

  defp send_system_msg(name, request, timeout, fun, args) do
    result =
      try do
        :gen.call(name, :system, request, timeout)
      catch
        :exit, reason -> {:exit, reason}
      end

    case result do
      {:ok, res} -> res
      {:exit, reason} -> exit({reason, {:sys, fun, args}})
    end
  end

  @doc "Debug options for a special process: none are supported, the list is `[]`."
  def debug_options(_options), do: []

  @doc """
  Handles the system message `request` from `from` for a special process; never returns:
  continues with `module.system_continue(parent, debug, misc)` (or the suspended loop, or
  `module.system_terminate/4`).
  """
  def handle_system_msg(request, from, parent, module, debug, misc) do
    handle_system_msg(:running, request, from, parent, module, debug, misc)
  end

  @doc false
  def handle_system_msg(sys_state, request, from, parent, module, debug, misc) do
    case do_cmd(sys_state, request, parent, module, debug, misc) do
      {:suspended, reply, ndebug, nmisc} ->
        :gen.reply(from, reply)
        suspend_loop(:suspended, parent, module, ndebug, nmisc)

      {:running, reply, ndebug, nmisc} ->
        :gen.reply(from, reply)
        module.system_continue(parent, ndebug, nmisc)

      {{:terminating, reason}, reply, ndebug, nmisc} ->
        :gen.reply(from, reply)
        module.system_terminate(reason, parent, ndebug, nmisc)
    end
  end

  @doc false
  def suspend_loop(sys_state, parent, module, debug, misc) do
    receive do
      {:system, from, request} ->
        handle_system_msg(sys_state, request, from, parent, module, debug, misc)

      {:EXIT, ^parent, reason} ->
        module.system_terminate(reason, parent, debug, misc)
    end
  end

  defp do_cmd(_, :suspend, _parent, _module, debug, misc), do: {:suspended, :ok, debug, misc}
  defp do_cmd(_, :resume, _parent, _module, debug, misc), do: {:running, :ok, debug, misc}

  defp do_cmd(sys_state, :get_state, _parent, module, debug, misc) do
    {sys_state, do_get_state(module, misc), debug, misc}
  end

  defp do_cmd(sys_state, {:replace_state, fun}, _parent, module, debug, misc) do
    {res, nmisc} = do_replace_state(fun, module, misc)
    {sys_state, res, debug, nmisc}
  end

  defp do_cmd(sys_state, :get_status, parent, module, debug, misc) do
    {sys_state, get_status(sys_state, parent, module, debug, misc), debug, misc}
  end

  defp do_cmd(sys_state, {:debug, _what}, _parent, _module, debug, misc) do
    {sys_state, :ok, debug, misc}
  end

  defp do_cmd(_, {:terminate, reason}, _parent, _module, debug, misc) do
    {{:terminating, reason}, :ok, debug, misc}
  end

  defp do_cmd(:suspended, {:change_code, mod, vsn, extra}, _parent, module, debug, misc) do
    case erl_catch(fn -> module.system_code_change(misc, mod, vsn, extra) end) do
      {:ok, nmisc} -> {:suspended, :ok, debug, nmisc}
      other -> {:suspended, {:error, other}, debug, misc}
    end
  end

  defp do_cmd(sys_state, other, _parent, _module, debug, misc) do
    {sys_state, {:error, {:unknown_system_msg, other}}, debug, misc}
  end

  defp do_get_state(module, misc) do
    if function_exported?(module, :system_get_state, 1) do
      try do
        {:ok, state} = module.system_get_state(misc)
        state
      catch
        kind, reason -> {:error, {:callback_failed, {module, :system_get_state}, {kind, reason}}}
      end
    else
      misc
    end
  end

  defp do_replace_state(fun, module, misc) do
    if function_exported?(module, :system_replace_state, 2) do
      try do
        {:ok, state, nmisc} = module.system_replace_state(fun, misc)
        {state, nmisc}
      catch
        kind, reason ->
          {{:error, {:callback_failed, {module, :system_replace_state}, {kind, reason}}}, misc}
      end
    else
      try do
        nmisc = fun.(misc)
        {nmisc, nmisc}
      catch
        kind, reason -> {{:error, {:callback_failed, fun, {kind, reason}}}, misc}
      end
    end
  end

  defp get_status(sys_state, parent, module, debug, misc) do
    pdict = Process.get()

    fmt_misc =
      if function_exported?(module, :format_status, 2) do
        module.format_status(:normal, [pdict, sys_state, parent, debug, misc])
      else
        misc
      end

    # The GenServer loop plays OTP's gen_server, and reports itself under that name.
    reported = if module == GenServer, do: :gen_server, else: module
    {:status, self(), {:module, reported}, [pdict, sys_state, parent, debug, fmt_misc]}
  end

  @doc false
  # Erlang's `catch Expr`: a throw gives its value, an exit `{:EXIT, reason}`, an error
  # `{:EXIT, {reason, stacktrace}}`.
  def erl_catch(fun) do
    try do
      fun.()
    catch
      :throw, value -> value
      :exit, reason -> {:EXIT, reason}
      :error, reason -> {:EXIT, {reason, __STACKTRACE__}}
    end
  end
end
