defmodule :retort_kernel_macros do
  @moduledoc false
  # What `Macro.expand_once/2` gives for a call of one of Kernel's own macros: the code
  # Elixir 1.14's lib/kernel.ex expands it to (retort compiles these forms directly, so
  # Kernel has no `MACRO-` functions to call). `expand(name, args, env)` is `{:ok, ast}`, or
  # `:error` for a call it does not expand (a form Kernel rejects, or a macro not covered
  # here: sigils, `def` & co., `@`, `defstruct`).
  #
  # The variable the expansions introduce is Kernel's hygienic `x` (context `Kernel`), and
  # `:"Elixir.Kernel".in(x, [false, nil])` guards the falsy clause, as in Elixir.

  @doc false
  def expand(:if, [condition, clauses], _env) when is_list(clauses) do
    case clauses do
      [do: do_clause] -> {:ok, build_if(condition, do_clause, nil)}
      [do: do_clause, else: else_clause] -> {:ok, build_if(condition, do_clause, else_clause)}
      _ -> :error
    end
  end

  def expand(:unless, [condition, clauses], _env) when is_list(clauses) do
    case clauses do
      [do: do_clause] -> {:ok, kernel_call(:if, [condition, [do: nil, else: do_clause]])}
      [do: do_clause, else: else_clause] -> {:ok, kernel_call(:if, [condition, [do: else_clause, else: do_clause]])}
      _ -> :error
    end
  end

  def expand(:&&, [left, right], _env) do
    {:ok, falsy_case(left, x(), {:_, [], Kernel}, right)}
  end

  def expand(:||, [left, right], _env) do
    {:ok, falsy_case(left, right, x(), x())}
  end

  def expand(:!, [{:!, _, [value]}], _env), do: {:ok, falsy_case(value, false, {:_, [], Kernel}, true)}
  def expand(:!, [value], _env), do: {:ok, falsy_case(value, true, {:_, [], Kernel}, false)}

  def expand(:and, [left, right], %{context: nil}), do: {:ok, boolean_check(:and, left, right, false)}
  def expand(:or, [left, right], %{context: nil}), do: {:ok, boolean_check(:or, left, true, right)}

  def expand(:is_nil, [value], _env), do: {:ok, kernel_call(:==, [value, nil])}

  def expand(:to_string, [value], _env), do: {:ok, remote([:String, :Chars], :to_string, [value])}
  def expand(:to_charlist, [value], _env), do: {:ok, remote([:List, :Chars], :to_charlist, [value])}

  def expand(:then, [value, fun], _env), do: {:ok, {{:., [], [fun]}, [], [value]}}

  def expand(:tap, [value, fun], _env) do
    f = {:fun, [], Kernel}
    v = {:value, [], Kernel}

    {:ok,
     {:__block__, [],
      [
        {:=, [], [f, fun]},
        {:=, [], [v, value]},
        {:__block__, [], [{:=, [], [{:_, [], Kernel}, {{:., [], [f]}, [], [v]}]}, v]}
      ]}}
  end

  def expand(:match?, [pattern, expr], _env) do
    {:ok, {:case, [], [expr, [do: [{:->, [], [[pattern], true]}, {:->, [generated: true], [[{:_, [], Kernel}], false]}]]]}}
  end

  def expand(:|>, [left, right], _env) do
    {:ok, :lists.foldl(fn {x, pos}, acc -> Macro.pipe(acc, x, pos) end, left, Macro.unpipe(right))}
  end

  def expand(:<>, [left, right], _env) do
    parts = concatenations({:<>, [], [left, right]}, [])

    if Enum.any?(parts, &(&1 == :error)) do
      :error
    else
      {:ok, {:<<>>, [], parts}}
    end
  end

  def expand(:.., [first, last], %{context: context}) do
    if is_integer(first) and is_integer(last) and first <= last do
      {:ok, range_map(first, last, 1)}
    else
      if context == nil, do: {:ok, remote([:Elixir, :Range], :new, [first, last])}, else: :error
    end
  end

  def expand(:in, [left, right], %{context: nil} = env) do
    case Macro.expand(right, env) do
      [] ->
        {:ok, {:__block__, [], [{:=, [], [{:_, [], Kernel}, left]}, false]}}

      [_ | _] = list ->
        if length(list) <= 32 and Enum.all?(list, &(is_binary(&1) or is_atom(&1) or is_number(&1))) do
          {:ok, in_var(left, fn var -> in_list(var, list) end)}
        else
          {:ok, erlang(:lists, :member, [left, right])}
        end

      {:%{}, _, [__struct__: Range, first: first, last: last, step: 1]} when is_integer(first) and is_integer(last) ->
        {:ok, in_var(left, fn var -> in_range(var, first, last) end)}

      _ ->
        {:ok, remote([:Elixir, :Enum], :member?, [right, left])}
    end
  end

  def expand(:raise, [message], env) do
    error = fn x -> erlang(:erlang, :error, [x, :none, [error_info: {:%{}, [], [module: alias_of(:Exception)]}]]) end

    case message do
      m when is_binary(m) -> {:ok, error.(remote([:RuntimeError], :exception, [m]))}
      {:<<>>, _, _} = m -> {:ok, error.(remote([:RuntimeError], :exception, [m]))}
      {:__aliases__, _, _} = a -> {:ok, error.({{:., [], [Macro.expand(a, env), :exception]}, [], [[]]})}
      a when is_atom(a) -> {:ok, error.({{:., [], [a, :exception]}, [], [[]]})}
      m -> {:ok, error.(remote([:Kernel, :Utils], :raise, [m]))}
    end
  end

  def expand(:raise, [exception, attributes], _env) do
    {:ok, erlang(:erlang, :error, [{{:., [], [exception, :exception]}, [], [attributes]}])}
  end

  def expand(:var!, [{name, meta, context}], _env) when is_atom(name) and is_atom(context) do
    {:ok, {name, meta, nil}}
  end

  def expand(:destructure, [left, right], _env) when is_list(left) do
    {:ok, {:=, [], [left, remote([:Kernel, :Utils], :destructure, [right, length(left)])]}}
  end

  def expand(_name, _args, _env), do: :error

  # kernel.ex's build_if/2 (optimize_boolean only adds metadata).
  defp build_if(condition, do_clause, else_clause) do
    falsy_case(condition, else_clause, {:_, [], Kernel}, do_clause)
  end

  # case value do x when Kernel.in(x, [false, nil]) -> falsy; other -> truthy end
  defp falsy_case(value, falsy, other, truthy) do
    guard = {:when, [], [x(), {{:., [], [Kernel, :in]}, [], [x(), [false, nil]]}]}
    {:case, [], [value, [do: [{:->, [], [[guard], falsy]}, {:->, [], [[other], truthy]}]]]}
  end

  # kernel.ex's build_boolean_check/4 (`{:badbool, op, other}` quoted as a 3-tuple).
  defp boolean_check(operator, check, true_clause, false_clause) do
    other = {:other, [], Kernel}
    badbool = erlang(:erlang, :error, [{:{}, [], [:badbool, operator, other]}])
    {:case, [], [check, [do: [{:->, [], [[false], false_clause]}, {:->, [], [[true], true_clause]}, {:->, [], [[other], badbool]}]]]}
  end

  defp x, do: {:x, [], Kernel}

  defp kernel_call(name, args), do: {name, [context: Kernel, imports: [{2, Kernel}]], args}

  defp alias_of(name), do: {:__aliases__, [alias: false], [name]}

  defp remote(segments, fun, args) do
    {{:., [], [{:__aliases__, [alias: false], segments}, fun]}, [], args}
  end

  defp erlang(module, fun, args), do: {{:., [], [module, fun]}, [], args}

  defp range_map(first, last, step) do
    {:%{}, [], [__struct__: Range, first: first, last: last, step: step]}
  end

  # kernel.ex's in_var/3 in a body: a variable is used as it is, anything else bound first.
  defp in_var({name, _, context} = var, fun) when is_atom(name) and is_atom(context), do: fun.(var)

  defp in_var(ast, fun) do
    var = {:var, [], Kernel}
    {:__block__, [], [{:=, [], [var, ast]}, fun.(var)]}
  end

  defp in_list(var, [head | tail]) do
    comps = Enum.map([head | tail], fn item -> erlang(:erlang, :"=:=", [var, item]) end)
    [first | rest] = comps
    :lists.foldl(fn comp, acc -> erlang(:erlang, :orelse, [acc, comp]) end, first, rest)
  end

  defp in_range(var, first, last) do
    erlang(:erlang, :andalso, [
      erlang(:erlang, :is_integer, [var]),
      erlang(:erlang, :andalso, [erlang(:erlang, :>=, [var, first]), erlang(:erlang, :"=<", [var, last])])
    ])
  end

  # kernel.ex's extract_concatenations/2: `a <> "b" <> c` → [a::binary, "b", c::binary].
  defp concatenations({:<>, _, [left, right]}, acc), do: concatenations(right, [wrap(left) | acc])
  defp concatenations(other, acc), do: Enum.reverse([wrap(other) | acc])

  defp wrap(binary) when is_binary(binary), do: binary
  defp wrap(literal) when is_list(literal) or is_atom(literal) or is_number(literal), do: :error
  defp wrap(other), do: {:"::", [], [other, {:binary, [], nil}]}
end
