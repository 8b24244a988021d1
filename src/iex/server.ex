defmodule IEx.Server do
  @moduledoc false

  # The shell's evaluator loop: reads an input (line by line while the parser says it is
  # incomplete), compiles it as a script and runs it in this process, prints the result with
  # inspect. Bindings live in this process's dictionary (see src/iex/mod.rs).

  def start() do
    loop(1)
  end

  defp loop(n) do
    case read_input(n, "", "iex") do
      :eof ->
        System.halt(0)

      {:ok, script} ->
        case eval(script) do
          {:ok, value} ->
            Process.put({:"$iex_history", n}, value)
            Process.put(:"$iex_counter", n)
            IO.puts(inspect(value))
            loop(n + 1)

          :error ->
            loop(n)
        end

      :retry ->
        loop(n)
    end
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
          case :retort_iex.compile(code) do
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

  defp eval(script) do
    try do
      {:ok, script.__FILE__([])}
    rescue
      e ->
        IO.puts(String.trim_trailing(Exception.format(:error, e, prune(__STACKTRACE__))) <> "\n")
        :error
    catch
      kind, reason ->
        IO.puts(String.trim_trailing(Exception.format(kind, reason, prune(__STACKTRACE__))) <> "\n")
        :error
    end
  end

  defp prune(stacktrace) do
    Enum.reject(stacktrace, fn entry ->
      m = elem(entry, 0)
      m == IEx.Server or String.starts_with?(:erlang.atom_to_binary(m), "elixir_compiler_")
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

  @doc "Prints the documentation of a module."
  def h(module) do
    IO.write(:retort_iex.docs(module))
    :ok
  end

  @doc "Prints the functions a module exports."
  def exports(module) do
    list =
      module.module_info(:exports)
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
