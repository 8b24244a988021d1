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
        loop(running, Map.put(workers, ref, id))
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
          {:ok, id} ->
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

  def serve(id, :plan, dir) do
    case :retort_node.plan(dir) do
      {:ok, text} -> :retort_node.reply(id, true, "", text)
      {:error, message} -> :retort_node.reply(id, false, "", message)
    end
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
