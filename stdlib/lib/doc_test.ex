defmodule ExUnit.DocTest do
  @moduledoc """
  `doctest Mod` in an `ExUnit.Case` module, after Elixir 1.14's `ExUnit.DocTest`: the
  `iex>` examples of `Mod`'s `@moduledoc` and `@doc`s (indented code, `...>` continuation
  lines) become tests named `doctest Mod.fun/arity (N)` (`doctest module Mod (N)` for the
  moduledoc), numbered through the module. Examples separated by a blank line are separate
  tests; consecutive ones share one test and its variables. An expected value is evaluated
  and compared with `===`; `** (Mod) message` expects that exception; `#Name<...>` is
  compared with the inspected value. The compiler records `doctest Mod` in `__ex_unit__/0`;
  the runner calls `__tests__/3` when it runs the case, reading the docs from the loaded
  module (`:retort_code.docs/1`). Options (`only:`, `except:`, `import:`) are ignored.
  Known difference: the stack trace of a failure points at the `doctest` line, not at the
  example in the documented module.
  """

  @doc "The test entries of `module`'s doctests, for the case in `file` (`doctest` at `line`)."
  def __tests__(module, line, file) do
    {moduledoc, docs} = :retort_code.docs(module)

    sources =
      [{"module #{inspect(module)}", moduledoc} | Enum.map(docs, fn {f, a, d} -> {"#{inspect(module)}.#{f}/#{a}", d} end)]

    {tests, _} =
      Enum.flat_map_reduce(sources, 1, fn
        {_, nil}, n ->
          {[], n}

        {label, doc}, n ->
          examples = extract(doc)

          tests =
            examples
            |> Enum.with_index(n)
            |> Enum.map(fn {exprs, i} ->
              %{
                name: String.to_atom("doctest #{label} (#{i})"),
                line: line,
                describe: nil,
                describe_line: nil,
                tags: %{},
                setups: [],
                doctest: {module, exprs, file, line}
              }
            end)

          {tests, n + length(examples)}
      end)

    tests
  end

  @doc "Runs one doctest: its examples in order, sharing their variables."
  def __run__({module, exprs, file, line}) do
    Enum.reduce(exprs, [], fn {code, expected}, binding -> check(module, code, expected, binding, file, line) end)
    :ok
  end

  defp check(module, code, :none, binding, _file, _line) do
    {_, binding} = Code.eval_string(code, binding)
    binding
  end

  defp check(module, code, "** (" <> rest = expected, binding, file, line) do
    [name, message] = String.split(rest, ") ", parts: 2)

    try do
      Code.eval_string(code, binding)
    rescue
      e ->
        got = inspect(e.__struct__)
        msg = Exception.message(e)

        if got != name or msg != message do
          fail(module, code, expected, file, line,
            message: "Doctest failed: wrong message for #{name}\nexpected:\n  #{message}\nactual:\n  #{msg}")
        end

        binding
    else
      {value, _} ->
        fail(module, code, expected, file, line,
          message: "Doctest failed: expected exception #{name} but got #{inspect(value)}")
    end
  end

  defp check(module, code, expected, binding, file, line) do
    {actual, binding} = Code.eval_string(code, binding)

    if String.starts_with?(expected, "#") and String.contains?(expected, "<") do
      if inspect(actual) != expected do
        fail(module, code, expected, file, line,
          expr: "inspect(#{code}) === #{inspect(expected)}", left: inspect(actual), right: expected)
      end
    else
      {wanted, _} = Code.eval_string(expected, binding)

      if actual !== wanted do
        fail(module, code, expected, file, line, expr: "#{code} === #{expected}", left: actual, right: wanted)
      end
    end

    binding
  end

  defp fail(module, code, expected, file, line, fields) do
    shown =
      code
      |> String.split("\n")
      |> Enum.with_index()
      |> Enum.map_join("\n", fn {l, 0} -> "  iex> " <> l; {l, _} -> "  ...> " <> l end)

    block = "doctest:\n" <> shown <> "\n  " <> String.replace(expected, "\n", "\n  ")
    message = Keyword.get(fields, :message, "Doctest failed")
    error = struct(ExUnit.AssertionError, Keyword.put(fields, :message, message <> "\n" <> block))
    stack = [{module, :__MODULE__, 0, [file: String.to_charlist(file), line: line]}]
    :erlang.raise(:error, error, stack)
  end

  @doc """
  The tests of a doc string: a list of tests, each a list of `{code, expected | :none}`.
  """
  def extract(doc) do
    lines = doc |> String.split("\n") |> Enum.map(&String.trim/1)
    collect(lines, [], [], nil)
  end

  # tests (reversed), current test's examples (reversed), current example {code, expected lines}
  defp collect([], tests, cur, ex), do: finish_test(tests, cur, ex) |> Enum.reverse()

  defp collect(["iex>" <> code | rest], tests, cur, ex) do
    cur = add_example(cur, ex)
    collect(rest, tests, cur, {[String.trim_leading(code, " ")], []})
  end

  defp collect(["...>" <> code | rest], tests, cur, {code_lines, []}) do
    collect(rest, tests, cur, {[String.trim_leading(code, " ") | code_lines], []})
  end

  defp collect(["" | rest], tests, cur, ex) do
    collect(rest, finish_test(tests, cur, ex), [], nil)
  end

  defp collect([_ | rest], tests, cur, nil), do: collect(rest, tests, cur, nil)

  defp collect([line | rest], tests, cur, {code, expected}) do
    collect(rest, tests, cur, {code, [line | expected]})
  end

  defp add_example(cur, nil), do: cur

  defp add_example(cur, {code, expected}) do
    code = code |> Enum.reverse() |> Enum.join("\n")

    expected =
      case expected do
        [] -> :none
        lines -> lines |> Enum.reverse() |> Enum.join("\n")
      end

    [{code, expected} | cur]
  end

  defp finish_test(tests, cur, ex) do
    case add_example(cur, ex) do
      [] -> tests
      examples -> [Enum.reverse(examples) | tests]
    end
  end
end
