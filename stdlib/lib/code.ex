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

  defp run(script) do
    run_value(script)
    true
  end

  defp run_value(nil), do: nil
  defp run_value(script), do: apply(script, :__FILE__, [nil])
end
