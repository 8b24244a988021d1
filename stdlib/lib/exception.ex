defmodule Exception do
  @moduledoc """
  Functions on exceptions (structs with `__exception__: true`). Normalising Erlang error
  reasons and the built-in messages and formats are natives (`:retort_exc`, on the VM's
  `value::exception`); an exception's own `message/1` is always asked first.
  """

  def exception?(%{__struct__: m, __exception__: true}) when is_atom(m), do: true
  def exception?(_), do: false

  def message(%{__struct__: module, __exception__: true} = exception) do
    try do
      module.message(exception)
    rescue
      e ->
        "got #{inspect(e.__struct__)} with message #{inspect(:retort_exc.message(e))} while retrieving Exception.message/1 for #{inspect(exception)}"
    else
      msg when is_binary(msg) ->
        msg

      other ->
        "got #{inspect(other)} while retrieving Exception.message/1 for #{inspect(exception)} (expected a string)"
    end
  end

  def normalize(kind, payload, stacktrace \\ [])
  def normalize(:error, payload, stacktrace), do: :retort_exc.normalize(payload, stacktrace)
  def normalize(_kind, payload, _stacktrace), do: payload

  def format_banner(kind, exception, stacktrace \\ [])

  def format_banner(:error, exception, stacktrace) do
    exception = normalize(:error, exception, stacktrace)
    "** (" <> inspect(exception.__struct__) <> ") " <> message(exception)
  end

  def format_banner(kind, reason, stacktrace), do: :retort_exc.format_banner(kind, reason, stacktrace)

  def format(kind, payload, stacktrace \\ []) do
    banner = format_banner(kind, payload, stacktrace)

    case stacktrace do
      [] -> banner
      _ -> banner <> "\n" <> format_stacktrace(stacktrace)
    end
  end

  def format_stacktrace(trace \\ nil)
  def format_stacktrace(nil), do: :retort_exc.format_stacktrace([])
  def format_stacktrace(trace), do: :retort_exc.format_stacktrace(trace)

  def format_stacktrace_entry(entry), do: :retort_exc.format_stacktrace_entry(entry)
  def format_exit(reason), do: :retort_exc.format_exit(reason)
  def format_mfa(module, fun, arity), do: :retort_exc.format_mfa(module, fun, arity)

  def format_fa(fun, arity) do
    "#{inspect(fun)}#{format_arity(arity)}"
  end

  defp format_arity(arity) when is_list(arity), do: "(" <> Enum.map_join(arity, ", ", &inspect/1) <> ")"
  defp format_arity(arity), do: "/#{arity}"

  def format_file_line(file, line, suffix \\ ""), do: :retort_exc.format_file_line(file, line, suffix)

  # Follows Elixir 1.14's Exception.blame/3: an error is normalized, then an ArithmeticError
  # whose stacktrace starts at the failing operator gets the operation in its message.
  def blame(:error, error, stacktrace) do
    error = normalize(:error, error, stacktrace)

    case {error, stacktrace} do
      {%ArithmeticError{message: message}, [{:erlang, fun, args, _} | _]} ->
        {%{error | message: message <> arith_blame(fun, args)}, stacktrace}

      _ ->
        {error, stacktrace}
    end
  end

  def blame(_kind, reason, stacktrace), do: {reason, stacktrace}

  defp arith_blame(op, [a]) when op in [:+, :-], do: ": " <> Atom.to_string(op) <> "(" <> inspect(a) <> ")"
  defp arith_blame(op, [a, b]) when op in [:+, :-, :*, :/], do: ": " <> inspect(a) <> " " <> Atom.to_string(op) <> " " <> inspect(b)
  defp arith_blame(fun, [a, b]) when fun in [:div, :rem], do: ": " <> Atom.to_string(fun) <> "(" <> inspect(a) <> ", " <> inspect(b) <> ")"
  defp arith_blame(fun, [a, b]) when fun in [:band, :bor, :bxor, :bsl, :bsr], do: ": Bitwise." <> Atom.to_string(fun) <> "(" <> inspect(a) <> ", " <> inspect(b) <> ")"
  defp arith_blame(:bnot, [a]), do: ": Bitwise.bnot(" <> inspect(a) <> ")"
  defp arith_blame(_, _), do: ""

  @doc false
  # The script's main process died of an exception the VM cannot describe by itself (one
  # defined in the program, maybe with its own message/1): print it as `elixir` does, then
  # halt with status 1.
  def __uncaught__(kind, reason, stacktrace) do
    IO.write(:stderr, format(kind, reason, stacktrace))
    :erlang.halt(1)
  end
end

defmodule RuntimeError do
  defexception message: "runtime error"
end

defmodule ArgumentError do
  defexception message: "argument error"
end

defmodule ArithmeticError do
  defexception message: "bad argument in arithmetic expression"
end

defmodule SystemLimitError do
  defexception message: "a system limit has been reached"
end

defmodule Enum.EmptyError do
  defexception message: "empty error"
end

defmodule Enum.OutOfBoundsError do
  defexception message: "out of bounds error"
end

defmodule Regex.CompileError do
  defexception message: "regex could not be compiled"
end

defmodule CompileError do
  defexception file: nil, line: nil, description: "compile error"

  @impl true
  def message(%{file: file, line: line, description: description}) do
    if file, do: "#{file}:#{line}: #{description}", else: description
  end
end

defmodule SyntaxError do
  defexception [:file, :line, :column, :snippet, description: "syntax error"]

  @impl true
  def message(%{file: file, line: line, column: column, snippet: snippet, description: d}) do
    head = "#{file}:#{line}:#{column}: #{d}"

    case snippet do
      %{content: content, offset: offset} ->
        n = Integer.to_string(line)
        pad = String.duplicate(" ", String.length(n))
        head <> "\n  " <> pad <> " |\n  " <> n <> " | " <> content <> "\n  " <> pad <> " | " <> String.duplicate(" ", offset) <> "^"

      _ ->
        head
    end
  end
end

defmodule TokenMissingError do
  defexception [:file, :line, :snippet, :column, description: "expression is incomplete"]

  # The same layout as a syntax error's: position, description, then the snippet.
  @impl true
  def message(e), do: SyntaxError.message(e)
end

defmodule UnicodeConversionError do
  defexception [:encoded, :message]
end

defmodule MatchError do
  defexception [:term]
  def message(e), do: :retort_exc.message(e)
end

defmodule CaseClauseError do
  defexception [:term]
  def message(e), do: :retort_exc.message(e)
end

defmodule CondClauseError do
  defexception []
  def message(e), do: :retort_exc.message(e)
end

defmodule WithClauseError do
  defexception [:term]
  def message(e), do: :retort_exc.message(e)
end

defmodule TryClauseError do
  defexception [:term]
  def message(e), do: :retort_exc.message(e)
end

defmodule BadFunctionError do
  defexception [:term]
  def message(e), do: :retort_exc.message(e)
end

defmodule BadMapError do
  defexception [:term]
  def message(e), do: :retort_exc.message(e)
end

defmodule BadBooleanError do
  defexception [:term, :operator]
  def message(e), do: :retort_exc.message(e)
end

defmodule BadStructError do
  defexception [:struct, :term]
  def message(e), do: :retort_exc.message(e)
end

defmodule BadArityError do
  defexception [:function, :args]
  def message(e), do: :retort_exc.message(e)
end

defmodule KeyError do
  defexception [:key, :term, :message]
  def message(e), do: :retort_exc.message(e)
end

defmodule UndefinedFunctionError do
  defexception [:module, :function, :arity, :reason, :message]
  def message(e), do: :retort_exc.message(e)
end

defmodule FunctionClauseError do
  defexception [:module, :function, :arity, :kind, :args, :clauses]
  def message(e), do: :retort_exc.message(e)
end

defmodule Protocol.UndefinedError do
  defexception [:protocol, :value, description: ""]
  def message(e), do: :retort_exc.message(e)
end

defmodule ErlangError do
  defexception [:original, :reason]
  def message(e), do: :retort_exc.message(e)
end

defmodule System.EnvError do
  defexception [:env]
  def message(e), do: :retort_exc.message(e)
end

defmodule File.Error do
  defexception [:reason, :path, action: ""]

  def message(%{action: action, reason: reason, path: path}) do
    formatted = IO.chardata_to_string(:file.format_error(reason))
    "could not #{action} #{inspect(path)}: #{formatted}"
  end
end

defmodule Code.LoadError do
  defexception [:file, :message, :reason]
end
