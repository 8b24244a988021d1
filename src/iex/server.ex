defmodule IEx.Server do
  @moduledoc false

  # The shell, as IEx splits it: this process reads inputs (line by line while the parser says
  # an input is incomplete) and hands each compiled input to an evaluator process, which runs it,
  # prints its value and keeps the bindings in its dictionary. While an evaluation runs this
  # process watches for Ctrl+C (`:retort_iex.interrupted/0`): it kills the evaluator and starts
  # a new one with the bindings and history of the last finished input, so an interrupted or
  # crashed evaluation loses nothing but itself. See src/iex/mod.rs.

  def start() do
    loop(1, new_evaluator([]))
  end

  defp loop(n, evaluator) do
    case read_input(n, "", "iex") do
      :eof ->
        System.halt(0)

      {:ok, script} ->
        send(elem(evaluator, 0), {:eval, self(), script, n})
        await(n, evaluator)

      :retry ->
        loop(n, evaluator)
    end
  end

  # Waits for the evaluator's answer, polling for Ctrl+C.
  defp await(n, {pid, ref, saved} = evaluator) do
    receive do
      {:done, ^pid, :ok, state} ->
        loop(n + 1, {pid, ref, state})

      {:done, ^pid, :error, state} ->
        loop(n, {pid, ref, state})

      {:DOWN, ^ref, :process, ^pid, reason} ->
        IO.puts("** (EXIT from " <> inspect(pid) <> ") shell process exited with reason: " <> Exception.format_exit(reason) <> "\n")
        loop(n, new_evaluator(saved))
    after
      15 ->
        if :retort_iex.interrupted() do
          Process.demonitor(ref, [:flush])
          Process.exit(pid, :kill)
          IO.puts("** (EXIT) interrupted\n")
          loop(n, new_evaluator(saved))
        else
          await(n, evaluator)
        end
    end
  end

  defp new_evaluator(state) do
    pid = spawn(fn -> IEx.Evaluator.start(state) end)
    {pid, Process.monitor(pid), state}
  end

  defp read_input(n, buffer, head) do
    :retort_iex.read(head <> "(" <> Integer.to_string(n) <> ")> ")

    case wait_line() do
      :eof ->
        :eof

      :interrupt ->
        :retry

      {:line, line} ->
        code = buffer <> line <> "\n"

        if buffer == "" and String.trim(line) == "" do
          read_input(n, "", head)
        else
          case :retort_iex.compile(code, n) do
            :incomplete ->
              read_input(n, code, "...")

            {:ok, script} ->
              {:ok, script}

            {:error, msg} ->
              IO.write(msg)
              :retry
          end
        end
    end
  end

  defp wait_line() do
    case :retort_iex.poll() do
      :none ->
        receive do
        after
          15 -> wait_line()
        end

      other ->
        other
    end
  end
end

defmodule IEx.Evaluator do
  @moduledoc false

  # Runs the shell's inputs in this process (so `self()`, `receive` and `flush()` at the prompt
  # see one long-lived mailbox); bindings and the values of earlier inputs live in its dictionary,
  # and are sent back to the server after each input so a new evaluator can take over.

  def start(state) do
    Enum.each(state, fn {k, v} -> Process.put(k, v) end)
    loop()
  end

  defp loop() do
    receive do
      {:eval, server, script, n} ->
        status =
          case eval(script) do
            {:ok, value} ->
              Process.put({:"$iex_history", n}, value)
              Process.put(:"$iex_counter", n)
              if value != :"do not show this result in output", do: IO.puts(inspect(value))
              :ok

            :error ->
              :error
          end

        send(server, {:done, self(), status, state()})
        loop()
    end
  end

  defp state() do
    Enum.filter(Process.get(), fn
      {{:"$iex_binding", _}, _} -> true
      {{:"$iex_history", _}, _} -> true
      {:"$iex_counter", _} -> true
      _ -> false
    end)
  end

  defp eval(script) do
    try do
      {:ok, script.__FILE__([])}
    catch
      kind, reason ->
        {reason, stacktrace} = Exception.blame(kind, reason, prune(__STACKTRACE__))
        IO.puts(String.trim_trailing(Exception.format(kind, reason, stacktrace)) <> "\n")
        :error
    end
  end

  defp prune(stacktrace) do
    Enum.reject(stacktrace, fn entry ->
      m = elem(entry, 0)
      m == IEx.Evaluator or String.starts_with?(:erlang.atom_to_binary(m), "elixir_compiler_")
    end)
  end
end

defmodule IEx.Helpers do
  @moduledoc "The helpers available unqualified at the shell prompt."

  @doc "Recompiles and reloads the module's source file (purging first)."
  def r(module) do
    case :retort_iex.source_of(module) do
      nil ->
        raise ArgumentError, "could not find source for module: " <> inspect(module)

      file ->
        {:reloaded, :retort_iex.compile_file(file)}
    end
  end

  @doc "Compiles and loads a file, returning the modules it defines."
  def c(file), do: :retort_iex.compile_file(file)

  @doc "Flushes the shell's mailbox, printing every message."
  def flush() do
    receive do
      msg ->
        IO.puts(inspect(msg))
        flush()
    after
      0 -> :ok
    end
  end

  @doc "Builds a pid from a string such as \"0.110.0\"."
  def pid(string), do: :retort_iex.pid(string)

  @doc "The value of the last (or nth) expression."
  def v(n \\ -1) do
    n = if n < 0, do: (Process.get(:"$iex_counter") || 0) + 1 + n, else: n

    case Process.get({:"$iex_history", n}) do
      nil -> raise RuntimeError, "v(" <> Integer.to_string(n) <> ") is out of bounds"
      value -> value
    end
  end

  @doc "Prints information about a term."
  def i(term) do
    IO.puts("Term\n  " <> inspect(term))
    IO.puts("Data type\n  " <> type_of(term))
    :ok
  end

  defp type_of(t) when is_integer(t), do: "Integer"
  defp type_of(t) when is_float(t), do: "Float"
  defp type_of(t) when is_boolean(t), do: "Atom"
  defp type_of(nil), do: "Atom"
  defp type_of(t) when is_atom(t), do: "Atom"
  defp type_of(t) when is_binary(t), do: "BitString"
  defp type_of(t) when is_list(t), do: "List"
  defp type_of(t) when is_tuple(t), do: "Tuple"
  defp type_of(t) when is_map(t), do: "Map"
  defp type_of(t) when is_pid(t), do: "PID"
  defp type_of(t) when is_function(t), do: "Function"
  defp type_of(t) when is_reference(t), do: "Reference"
  defp type_of(_), do: "Term"

  @doc "Prints the documentation of a module, `{module, function}` or `{module, function, arity}` (the shell turns `h Mod.fun/2` into the latter)."
  def h(module_or_function) do
    IO.write(:retort_iex.docs(module_or_function))
    # What IEx's `h` returns: a value the shell does not print.
    :"do not show this result in output"
  end

  @doc "Prints this help."
  def h(), do: h(IEx.Helpers)

  @doc "Prints the functions a module exports."
  def exports(module) do
    list =
      :retort_iex.exports(module)
      |> Enum.reject(fn {name, _} -> name == :module_info or name == :__info__ end)
      |> Enum.sort()
      |> Enum.map(fn {name, arity} -> :erlang.atom_to_binary(name) <> "/" <> Integer.to_string(arity) end)

    IO.puts(Enum.join(list, "     "))
    :ok
  end

  @doc "Clears the screen."
  def clear() do
    IO.write("\e[H\e[2J")
    :ok
  end
end
