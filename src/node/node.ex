defmodule Retort.Node do
  @moduledoc false

  # The control process of a node (`retort start`, see src/node/mod.rs). It starts the
  # release's application, then takes the control socket's requests (`:retort_node.poll/0`,
  # every 10 ms while there are none, as the shell polls its editor) and serves each in a
  # monitored worker process, so a slow, crashing or killed request never stalls the others
  # and is always answered. It traps exits: the application's top process ending stops the
  # node with status 1, as a permanent OTP application does.

  def start(app) do
    Process.flag(:trap_exit, true)

    running =
      case app do
        nil ->
          nil

        mod ->
          case Application.start_module(mod) do
            {:ok, pid, state} ->
              {mod, pid, state}

            {:error, reason} ->
              IO.puts(:stderr, "** (retort start) the application #{inspect(mod)} did not start: #{inspect(reason)}")
              System.halt(1)
          end
      end

    loop(running, %{})
  end

  defp loop(running, workers) do
    case :retort_node.poll() do
      :none ->
        wait(running, workers)

      {id, :stop, _} ->
        case running do
          {mod, pid, state} -> Application.stop_module(mod, pid, state)
          nil -> :ok
        end

        :retort_node.reply(id, true, "", ":ok")
        System.halt(0)

      {id, verb, payload} ->
        {_pid, ref} = spawn_monitor(Retort.Node, :serve, [id, verb, payload])
        loop(running, Map.put(workers, ref, {id, verb}))
    end
  end

  defp wait(running, workers) do
    receive do
      {:EXIT, pid, reason} ->
        case running do
          {mod, ^pid, _} ->
            IO.puts(:stderr, "** (retort start) the application #{inspect(mod)} exited: #{Exception.format_exit(reason)}")
            System.halt(1)

          _ ->
            loop(running, workers)
        end

      {:DOWN, ref, :process, _, reason} ->
        case Map.fetch(workers, ref) do
          {:ok, {id, verb}} ->
            # An upgrade's worker that died mid-way (it catches what its steps raise, so only
            # a kill does this): the previous code becomes current again.
            if verb == :upgrade and reason != :normal, do: :retort_node.upgrade_revert()
            # A no-op when the worker answered before it ended.
            :retort_node.reply(id, false, "", "the request's process exited: #{Exception.format_exit(reason)}")
            loop(running, Map.delete(workers, ref))

          :error ->
            loop(running, workers)
        end
    after
      10 -> loop(running, workers)
    end
  end

  @doc false
  def serve(id, :rpc, source) do
    {ok, output, text} =
      case :retort_node.compile(source) do
        {:ok, script} -> eval(script)
        {:error, message} -> {false, "", message}
      end

    :retort_node.reply(id, ok, output, text)
  end

  def serve(id, :eval, {session, n, source}) do
    {ok, output, text} =
      case :retort_node.compile_session(session, n, source) do
        {:ok, script} -> eval(script)
        {:error, message} -> {false, "", message}
      end

    :retort_node.reply(id, ok, output, text)
  end

  def serve(id, :plan, dir) do
    case :retort_node.plan(dir) do
      {:ok, text} -> :retort_node.reply(id, true, "", text)
      {:error, message} -> :retort_node.reply(id, false, "", message)
    end
  end

  # The payload is "MS\nDIR": the timeout of each :sys call (`--sys-timeout`), then the
  # release directory; a bare DIR uses 5000 ms.
  def serve(id, :upgrade, payload) do
    dir =
      case String.split(payload, "\n", parts: 2) do
        [ms, dir] ->
          Process.put(:retort_sys_timeout, String.to_integer(ms))
          dir

        [dir] ->
          dir
      end

    {ok, text} = Retort.Node.Upgrade.run(dir)
    :retort_node.reply(id, ok, "", text)
  end

  def serve(id, verb, _payload) do
    :retort_node.reply(id, false, "", "unknown request #{inspect(verb)}")
  end

  # Runs the script, capturing what it prints; the value's inspect or the error's message.
  defp eval(script) do
    output =
      ExUnit.CaptureIO.capture_io(fn ->
        result =
          try do
            {true, inspect(script.__FILE__([]))}
          catch
            kind, reason -> {false, String.trim_trailing(Exception.format(kind, reason, []))}
          end

        Process.put(:"$retort_rpc", result)
      end)

    {ok, text} = Process.get(:"$retort_rpc")
    {ok, output, text}
  end
end

defmodule Retort.Node.Upgrade do
  @moduledoc false

  # `retort upgrade NAME --to DIR`: OTP's `{update, Mod, {advanced, Extra}}` made
  # transactional (see src/node/upgrade.rs for the plan). Suspend every special process that
  # runs a changed module, keeping its state; load all the new code in one step;
  # `:sys.change_code/4` each one whose callback module changed, with that module's old vsn. If a change fails (code_change raises, exits,
  # throws or returns something other than `{:ok, state}`) or a process does not answer, roll
  # back: the previous code becomes current again and every changed process gets its saved
  # state back. Then resume them all (requests that arrived meanwhile wait in their
  # mailboxes), and soft-purge the replaced code. Returns `{ok?, text}`.

  # Each :sys call's timeout in ms: `retort upgrade --sys-timeout MS` (5000 by default), kept
  # in the upgrade worker's dictionary by serve/3.
  defp timeout(), do: Process.get(:retort_sys_timeout, 5000)

  def run(dir) do
    case prepare(dir, 30) do
      {:ok, plan, procs} -> apply_plan(plan, procs)
      {:error, message} -> {false, message}
    end
  end

  # The old code of an earlier upgrade may still be in use: processes leave it at their
  # next remote call, so retry for up to 3 s.
  defp prepare(dir, tries) do
    case :retort_node.upgrade_prepare(dir) do
      {:busy, message} when tries > 0 ->
        Process.sleep(100)
        prepare(dir, tries - 1)

      {:busy, message} ->
        {:error, message}

      other ->
        other
    end
  end

  defp apply_plan(plan, procs) do
    case suspend_all(procs, []) do
      {:ok, saved} ->
        case :retort_node.upgrade_load() do
          :ok ->
            case change_all(saved) do
              :ok ->
                resume_all(saved)
                kept = :retort_node.upgrade_finish()
                {true, plan <> "\nupgrade done" <> kept_note(kept)}

              {:error, pid, mod, why} ->
                :retort_node.upgrade_revert()
                restore_all(saved)
                resume_all(saved)

                {false,
                 "error: upgrade rolled back: code_change of #{inspect(mod)} failed in #{inspect(pid)}: #{why}\n" <>
                   "the previous code is current again and every changed process has its state from before the upgrade"}
            end

          {:error, message} ->
            resume_all(saved)
            {false, "error: upgrade rolled back: " <> message}
        end

      {:error, pid, why, saved} ->
        resume_all(saved)
        :retort_node.upgrade_revert()
        {false, "error: upgrade abandoned, nothing was changed: #{inspect(pid)} #{why}"}
    end
  end

  defp kept_note([]), do: ""

  defp kept_note(kept) do
    "\nold code kept until its processes leave it: " <> Enum.map_join(kept, ", ", &inspect/1)
  end

  # Suspends each process and saves its state: `{:ok, [{pid, module, old_vsn, state}]}` in
  # suspension order (`module` nil: no code_change), or the first failure with the processes
  # suspended so far.
  defp suspend_all([], saved), do: {:ok, Enum.reverse(saved)}

  defp suspend_all([{pid, mod, vsn} | rest], saved) do
    case sys(fn -> :sys.suspend(pid, timeout()) end) do
      {:ok, :ok} ->
        case sys(fn -> :sys.get_state(pid, timeout()) end) do
          {:ok, state} ->
            suspend_all(rest, [{pid, mod, vsn, state} | saved])

          {:error, why} ->
            {:error, pid, why, Enum.reverse([{pid, mod, vsn, nil} | saved])}
        end

      {:ok, other} ->
        {:error, pid, "did not suspend: #{inspect(other)}", Enum.reverse(saved)}

      {:error, why} ->
        # It may suspend after the call gave up: it is resumed with the others.
        {:error, pid, why, Enum.reverse([{pid, mod, vsn, nil} | saved])}
    end
  end

  defp change_all([]), do: :ok

  # A process that runs a changed module which is not its callback module is only suspended
  # and resumed (as OTP's release handler does for an update's DepMods).
  defp change_all([{_pid, nil, _vsn, _state} | rest]), do: change_all(rest)

  defp change_all([{pid, mod, vsn, _state} | rest]) do
    case sys(fn -> :sys.change_code(pid, mod, vsn, [], timeout()) end) do
      {:ok, :ok} -> change_all(rest)
      {:ok, {:error, reason}} -> {:error, pid, mod, describe(reason)}
      {:ok, other} -> {:error, pid, mod, "unexpected answer " <> inspect(other)}
      {:error, why} -> {:error, pid, mod, why}
    end
  end

  defp restore_all(saved) do
    Enum.each(saved, fn
      {_pid, nil, _vsn, _state} -> :ok
      {pid, _mod, _vsn, state} -> sys(fn -> :sys.replace_state(pid, fn _ -> state end, timeout()) end)
    end)
  end

  defp resume_all(saved) do
    # At least 5 s whatever --sys-timeout says: a process must not stay suspended (resuming
    # one that is not suspended is harmless).
    t = max(timeout(), 5000)
    saved |> Enum.reverse() |> Enum.each(fn {pid, _, _, _} -> sys(fn -> :sys.resume(pid, t) end) end)
  end

  # A `:sys` call that may exit (no such process, timeout): `{:ok, answer}` or `{:error, why}`.
  defp sys(fun) do
    try do
      {:ok, fun.()}
    catch
      :exit, reason -> {:error, "did not answer: " <> Exception.format_exit(reason)}
    end
  end

  # What `:sys.change_code/4` reports (Erlang's catch of `code_change/3`, see sys.ex).
  defp describe({:EXIT, {reason, stack}}) when is_list(stack) do
    String.trim_trailing(Exception.format(:error, reason, []))
  end

  defp describe({:EXIT, reason}), do: "exit: " <> Exception.format_exit(reason)
  defp describe(other), do: "code_change returned " <> inspect(other)
end
