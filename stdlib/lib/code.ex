defmodule Code do
  @moduledoc """
  Loading code from files, following Elixir 1.14's `Code`: `require_file/2` (once per file),
  `compile_file/2` and `eval_file/2` read, compile and load a file and run its top-level code
  (through the native `:retort_code.load_file/3`, `vm/src/bif/code_file.rs`);
  `ensure_compiled/1`. `compile_string/2`, `ensure_loaded/1` and `ensure_loaded?/1` are
  native (`vm/src/bif/code.rs`). `eval_file/2` returns an empty binding: the file's variables
  are not collected.
  """

  @doc "Loads `file` unless it was required before; its modules as `[{module, binary}]`, or nil."
  def require_file(file, relative_to \\ nil) do
    case :retort_code.load_file(file, relative_to, true) do
      nil -> nil
      {script, modules} -> run(script) && modules
    end
  end

  @doc "Compiles and loads `file`, running its top-level code; `[{module, binary}]`."
  def compile_file(file, relative_to \\ nil) do
    {script, modules} = :retort_code.load_file(file, relative_to, false)
    run(script)
    modules
  end

  @doc "Runs `file`: `{value of its last expression, []}`."
  def eval_file(file, relative_to \\ nil) do
    {script, _modules} = :retort_code.load_file(file, relative_to, false)
    {run_value(script), []}
  end

  @doc "The files loaded by `require_file/2`."
  def required_files(), do: :retort_code.required_files()

  @doc "`{:module, module}` if the module is (or can be) loaded, else `{:error, :nofile}`."
  def ensure_compiled(module) when is_atom(module) do
    if Code.ensure_loaded?(module), do: {:module, module}, else: {:error, :nofile}
  end

  @doc "The module if it is (or can be) loaded, else `ArgumentError`."
  def ensure_compiled!(module) when is_atom(module) do
    if Code.ensure_loaded?(module) do
      module
    else
      raise ArgumentError,
            "could not load module #{inspect(module)} due to reason :nofile"
    end
  end

  @doc """
  Parses `string` to Elixir's quoted form: `{:ok, quoted}` or
  `{:error, {[line: l, column: c], message, token}}` (follows Elixir 1.14's
  `Code.string_to_quoted/2`; `opts` may give `:file` and `:line`, other options are ignored).
  """
  def string_to_quoted(string, opts \\ []) when is_binary(string) and is_list(opts) do
    case :retort_code.string_to_quoted(string) do
      {:ok, quoted} -> {:ok, shift_lines(quoted, Keyword.get(opts, :line, 1) - 1)}
      {:error, {line, column, message, token, _incomplete}} ->
        {message, token} = split_token(message, token)
        {:error, {[line: line + Keyword.get(opts, :line, 1) - 1, column: column], message, token}}
    end
  end

  @doc "Like `string_to_quoted/2`, raising `SyntaxError` or `TokenMissingError`."
  def string_to_quoted!(string, opts \\ []) when is_binary(string) and is_list(opts) do
    case :retort_code.string_to_quoted(string) do
      {:ok, quoted} ->
        shift_lines(quoted, Keyword.get(opts, :line, 1) - 1)

      {:error, {line, column, message, token, incomplete}} ->
        file = Keyword.get(opts, :file, "nofile")
        line = line + Keyword.get(opts, :line, 1) - 1
        content = string |> String.split("\n") |> Enum.at(line - Keyword.get(opts, :line, 1), "")
        snippet = %{content: content, offset: column - 1}
        description = if token == "", do: message, else: message <> token

        if incomplete do
          raise TokenMissingError, file: file, line: line, snippet: snippet, column: column, description: description
        else
          raise SyntaxError, file: file, line: line, column: column, snippet: snippet, description: description
        end
    end
  end

  # Elixir's error tuple keeps the offending token apart from the message.
  defp split_token(message, "") do
    case message do
      "unexpected token: " <> t -> {"unexpected token: ", t}
      "syntax error before: " <> t -> {"syntax error before: ", t}
      _ -> {message, ""}
    end
  end

  defp split_token(message, token), do: {message, token}

  # `line:` moves the lines the parser counted (from 1).
  defp shift_lines(quoted, 0), do: quoted
  defp shift_lines(quoted, n) do
    Macro.prewalk(quoted, fn
      {f, meta, args} when is_list(meta) ->
        {f, Enum.map(meta, fn {:line, l} -> {:line, l + n}; kv -> kv end), args}

      other ->
        other
    end)
  end

  @doc """
  Evaluates the code in `string` with `binding` (a keyword list of variables):
  `{value, binding}`, where the binding holds the given variables and those the code bound at
  its top level, ordered as Elixir 1.14 orders them. A compile error raises `CompileError`.
  """
  def eval_string(string, binding \\ [], opts \\ []) do
    opts = if is_list(opts), do: opts, else: []
    eval_quoted(string_to_quoted!(to_string(string), opts), binding, opts)
  end

  @doc "Evaluates quoted code with `binding`: `{value, binding}` (see `eval_string/3`)."
  def eval_quoted(quoted, binding \\ [], opts \\ []) do
    opts = if is_list(opts), do: opts, else: []
    file = Keyword.get(opts, :file, "nofile")
    binding = Enum.filter(binding, fn {k, _} -> is_atom(k) end)
    binding = binding |> Enum.reverse() |> Enum.uniq_by(fn {k, _} -> k end) |> Enum.reverse()
    names = Enum.map(binding, fn {k, _} -> k end)

    case :retort_code.compile_quoted(quoted, names, file) do
      {:ok, script} ->
        # The script module is private to this evaluation: dropped from the module table
        # once it ran (its funs stay callable), so repeated evaluations do not pile up.
        try do
          fun = apply(script, :__FILE__, [nil])
          {value, pairs} = apply(fun, Enum.map(binding, fn {_, v} -> v end))
          {value, order_binding(pairs)}
        after
          :retort_code.forget_script(script)
        end

      {:error, line, message} ->
        raise CompileError, file: file, line: line, description: message
    end
  end

  # elixir_erl_var:dump_binding folds the map of {name, nil} keys, prepending: the reverse
  # of the map's order (this VM's maps iterate in the BEAM's order). Up to 32 variables that
  # is the reverse of term order, as in Elixir; above 32 the BEAM's order follows the hash of
  # each atom's index in its atom table (which depends on every atom the BEAM created before,
  # in its boot, its compiler and the modules it loaded), so the order differs from Elixir's
  # there: the same variables, in another order.
  defp order_binding(pairs) do
    pairs
    |> Map.new(fn {k, v} -> {{k, nil}, v} end)
    |> Enum.reduce([], fn {{k, nil}, v}, acc -> [{k, v} | acc] end)
  end

  defp run(script) do
    run_value(script)
    true
  end

  defp run_value(nil), do: nil
  defp run_value(script), do: apply(script, :__FILE__, [nil])
end
