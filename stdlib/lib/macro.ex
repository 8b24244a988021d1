defmodule Macro do
  @moduledoc """
  Functions on the AST as data (Elixir's quoted form), after Elixir 1.14's `Macro`:
  `escape/1,2`, `var/2`, `to_string/1`, `generate_arguments/2`, `quoted_literal?/1`,
  `unique_var/2`, `operator?/2`, `camelize/1`, `underscore/1`.

  `to_string/1` prints the common forms as Elixir's formatter does (operators by precedence,
  calls, remote calls, aliases, `fn`, `do` blocks, collections, interpolated strings);
  it does not break long lines.
  """

  @binary_ops [:===, :!==, :==, :!=, :<=, :>=, :<, :>, :&&, :||, :and, :or, :++, :--, :+, :-, :*, :/,
               :=, :|>, :<>, :in, :"not in", :when, :"::", :|, :.., :"//", :<-, :\\, :=~, :->,
               :&&&, :|||, :^^^, :<<<, :>>>, :~>>, :<<~, :~>, :<~, :<~>, :"<|>", :**, :+++, :---, :<<<]
  @unary_ops [:!, :^, :not, :@, :&, :-, :+, :~~~]

  def escape(term), do: escape(term, [])

  def escape(term, _opts) when is_tuple(term) and tuple_size(term) == 2 do
    {a, b} = term
    {escape(a, []), escape(b, [])}
  end

  def escape(term, _opts) when is_tuple(term) do
    {:{}, [], Enum.map(Tuple.to_list(term), fn x -> escape(x, []) end)}
  end

  def escape(term, _opts) when is_map(term) do
    {:%{}, [], Enum.map(Map.to_list(term), fn {k, v} -> {escape(k, []), escape(v, [])} end)}
  end

  def escape(term, _opts) when is_list(term), do: escape_list(term, [])
  def escape(term, _opts), do: term

  defp escape_list([], acc), do: Enum.reverse(acc)
  defp escape_list([h | t], acc) when is_list(t), do: escape_list(t, [escape(h, []) | acc])

  defp escape_list([h | t], acc) do
    Enum.reverse(acc) ++ [{:|, [], [escape(h, []), escape(t, [])]}]
  end

  @doc """
  Walks `ast` depth-first, calling `pre` on each node before its children and `post` after
  them, threading `acc`: `{ast, acc}` (Elixir 1.14's `Macro.traverse/4`).
  """
  def traverse(ast, acc, pre, post) when is_function(pre, 2) and is_function(post, 2) do
    {ast, acc} = pre.(ast, acc)
    do_traverse(ast, acc, pre, post)
  end

  defp do_traverse({form, meta, args}, acc, pre, post) when is_atom(form) do
    {args, acc} = do_traverse_args(args, acc, pre, post)
    post.({form, meta, args}, acc)
  end

  defp do_traverse({form, meta, args}, acc, pre, post) do
    {form, acc} = pre.(form, acc)
    {form, acc} = do_traverse(form, acc, pre, post)
    {args, acc} = do_traverse_args(args, acc, pre, post)
    post.({form, meta, args}, acc)
  end

  defp do_traverse({left, right}, acc, pre, post) do
    {left, acc} = pre.(left, acc)
    {left, acc} = do_traverse(left, acc, pre, post)
    {right, acc} = pre.(right, acc)
    {right, acc} = do_traverse(right, acc, pre, post)
    post.({left, right}, acc)
  end

  defp do_traverse(list, acc, pre, post) when is_list(list) do
    {list, acc} = do_traverse_args(list, acc, pre, post)
    post.(list, acc)
  end

  defp do_traverse(x, acc, _pre, post), do: post.(x, acc)

  defp do_traverse_args(args, acc, _pre, _post) when is_atom(args), do: {args, acc}

  defp do_traverse_args(args, acc, pre, post) when is_list(args) do
    Enum.map_reduce(args, acc, fn x, acc ->
      {x, acc} = pre.(x, acc)
      do_traverse(x, acc, pre, post)
    end)
  end

  @doc "`traverse/4` with `fun` before the children."
  def prewalk(ast, fun) when is_function(fun, 1) do
    elem(prewalk(ast, nil, fn x, a -> {fun.(x), a} end), 0)
  end

  def prewalk(ast, acc, fun) when is_function(fun, 2), do: traverse(ast, acc, fun, fn x, a -> {x, a} end)

  @doc "`traverse/4` with `fun` after the children."
  def postwalk(ast, fun) when is_function(fun, 1) do
    elem(postwalk(ast, nil, fn x, a -> {fun.(x), a} end), 0)
  end

  def postwalk(ast, acc, fun) when is_function(fun, 2), do: traverse(ast, acc, fn x, a -> {x, a} end, fun)

  @doc """
  Expands `ast` once if it is a macro call, an alias or `__MODULE__` (Elixir 1.14's
  `Macro.expand_once/2`): `Mod.m(args)` of a required `Mod`, an imported `m(args)` (from
  `env.macros`), `{:__aliases__, _, _}` through `env.aliases`. Kernel's own macros (`if`,
  `unless`, `|>`, ...) are compiled directly by retort and are returned unexpanded.
  """
  def expand_once(ast, env), do: elem(do_expand_once(ast, env), 0)

  @doc "Expands `ast` until it no longer is a macro call (see `expand_once/2`)."
  def expand(ast, env) do
    case do_expand_once(ast, env) do
      {ast, true} -> expand(ast, env)
      {ast, false} -> ast
    end
  end

  defp do_expand_once({:__aliases__, meta, [head | tail]} = original, env) do
    case Keyword.fetch(meta, :alias) do
      {:ok, full} when is_atom(full) and full != false ->
        {Module.concat([full | tail]), true}

      _ when is_atom(head) ->
        first = Module.concat([head])
        base = case List.keyfind(Map.get(env, :aliases, []), first, 0) do
          {_, full} -> full
          nil -> first
        end

        {Module.concat([base | tail]), true}

      _ ->
        {original, false}
    end
  end

  defp do_expand_once({:__MODULE__, _, ctx}, env) when is_atom(ctx), do: {env.module, true}

  defp do_expand_once({{:., _, [mod, name]}, _meta, args} = original, env) when is_atom(name) and is_list(args) do
    mod = if is_atom(mod), do: mod, else: expand(mod, env)
    requires = Map.get(env, :requires, [])

    case mod == Kernel and :retort_kernel_macros.expand(name, args, env) do
      {:ok, expanded} -> {expanded, true}
      _ -> expand_remote(mod, name, args, requires, original, env)
    end
  end

  defp do_expand_once({name, _meta, args} = original, env) when is_atom(name) and is_list(args) do
    arity = length(args)
    found = Enum.find(Map.get(env, :macros, []), fn {_mod, list} -> {name, arity} in list end)

    case found do
      {mod, _} ->
        Code.ensure_loaded?(mod)
        {apply(mod, String.to_atom("MACRO-" <> Atom.to_string(name)), [env | args]), true}

      nil ->
        # Kernel's own macros (imported everywhere): their expansion as Elixir's Kernel has it.
        case :retort_kernel_macros.expand(name, args, env) do
          {:ok, expanded} -> {expanded, true}
          :error -> {original, false}
        end
    end
  end

  defp do_expand_once(other, _env), do: {other, false}

  defp expand_remote(mod, name, args, requires, original, env) do
    if is_atom(mod) and (mod in requires or mod == env.module) and Code.ensure_loaded?(mod) and
         macro_exported?(mod, name, length(args)) do
      {apply(mod, String.to_atom("MACRO-" <> Atom.to_string(name)), [env | args]), true}
    else
      {original, false}
    end
  end

  @doc "Breaks a pipeline `a |> f() |> g(1)` into `[{a, 0}, {f(), 0}, {g(1), 0}]`."
  def unpipe(expr), do: :lists.reverse(unpipe(expr, []))

  defp unpipe({:|>, _, [left, right]}, acc), do: unpipe(right, unpipe(left, acc))
  defp unpipe(other, acc), do: [{other, 0} | acc]

  @doc """
  Pipes `expr` into the call `call_args` as its argument number `position` (as `|>` does).
  Raises `ArgumentError` for what cannot take a piped argument (an operator, a capture, a
  `fn`, a tuple, map, binary or alias).
  """
  def pipe(expr, {op, _, args} = call_args, _position) when op in [:&, :fn, :{}, :%{}, :<<>>, :__aliases__] and is_list(args) do
    raise ArgumentError, "cannot pipe #{to_string(expr)} into #{to_string(call_args)}"
  end

  def pipe(expr, {op, meta, args} = call_args, position) when is_list(args) do
    cond do
      is_atom(op) and operator?(op, 1) ->
        raise ArgumentError, "cannot pipe #{to_string(expr)} into #{to_string(call_args)}, the #{inspect(op)} operator can only take one argument"

      is_atom(op) and operator?(op, 2) and op not in [:., :"::"] ->
        raise ArgumentError, "cannot pipe #{to_string(expr)} into #{to_string(call_args)}, the #{inspect(op)} operator can only take two arguments"

      true ->
        {op, meta, List.insert_at(args, position, expr)}
    end
  end

  def pipe(expr, {call, meta, context}, position) when is_atom(context) do
    {call, meta, List.insert_at([], position, expr)}
  end

  def pipe(expr, call_args, _position) do
    raise ArgumentError, "cannot pipe #{to_string(expr)} into #{to_string(call_args)}"
  end

  def var(name, context) when is_atom(name) and is_atom(context), do: {name, [], context}

  def unique_var(name, context) when is_atom(name) and is_atom(context) do
    {name, [counter: :erlang.unique_integer([:positive])], context}
  end

  def generate_arguments(0, _context), do: []

  def generate_arguments(amount, context) when is_integer(amount) and amount > 0 and is_atom(context) do
    Enum.map(1..amount, fn i -> {String.to_atom("arg" <> Integer.to_string(i)), [], context} end)
  end

  def generate_unique_arguments(0, _context), do: []

  def generate_unique_arguments(amount, context) when is_integer(amount) and amount > 0 and is_atom(context) do
    Enum.map(1..amount, fn i -> unique_var(String.to_atom("arg" <> Integer.to_string(i)), context) end)
  end

  def operator?(name, 2) when is_atom(name), do: name in @binary_ops
  def operator?(name, 1) when is_atom(name), do: name in @unary_ops
  def operator?(_, _), do: false

  def quoted_literal?(term) when is_atom(term) or is_number(term) or is_binary(term), do: true
  def quoted_literal?({a, b}), do: quoted_literal?(a) and quoted_literal?(b)
  def quoted_literal?({:{}, _, args}) when is_list(args), do: quoted_literal?(args)
  def quoted_literal?({:%{}, _, args}) when is_list(args), do: quoted_literal?(args)
  def quoted_literal?(list) when is_list(list), do: Enum.all?(list, &quoted_literal?/1)
  def quoted_literal?(_), do: false

  def camelize(""), do: ""
  def camelize("_" <> rest), do: camelize(rest)

  def camelize(string) when is_binary(string) do
    string
    |> String.split("/")
    |> Enum.map(fn part -> part |> String.split("_") |> Enum.map(&upcase_first/1) |> Enum.join() end)
    |> Enum.join(".")
  end

  defp upcase_first(""), do: ""
  defp upcase_first(<<c, rest::binary>>), do: String.upcase(<<c>>) <> rest

  def underscore(atom) when is_atom(atom) do
    underscore(String.replace_prefix(Atom.to_string(atom), "Elixir.", ""))
  end

  def underscore(string) when is_binary(string) do
    string
    |> String.split(".")
    |> Enum.map(&underscore_part/1)
    |> Enum.join("/")
  end

  defp underscore_part(part) do
    chars = String.graphemes(part)
    {out, _} =
      Enum.reduce(Enum.with_index(chars), {"", nil}, fn {c, i}, {acc, prev} ->
        up = c != String.downcase(c)
        sep = if up and i > 0 and prev != nil and prev != "_" and String.downcase(prev) == prev, do: "_", else: ""
        {acc <> sep <> String.downcase(c), c}
      end)
    out
  end

  # ---- to_string ----

  def to_string(ast), do: to_s(ast)

  def to_string(ast, _fun), do: to_s(ast)

  defp prec(op) do
    case op do
      :@ -> 320
      :. -> 310
      op when op in [:**] -> 230
      op when op in [:*, :/] -> 220
      op when op in [:+, :-] -> 210
      op when op in [:++, :--, :+++, :---, :.., :<>] -> 200
      op when op in [:"//"] -> 190
      op when op in [:in, :"not in"] -> 180
      op when op in [:|>, :<<<, :>>>, :<<~, :~>>, :<~, :~>, :<~>, :"<|>"] -> 170
      op when op in [:<, :>, :<=, :>=] -> 160
      op when op in [:==, :!=, :=~, :===, :!==] -> 150
      op when op in [:&&, :&&&, :and] -> 140
      op when op in [:||, :|||, :or] -> 130
      := -> 100
      :& -> 90
      :"::" -> 80
      :when -> 70
      :| -> 60
      :<- -> 40
      :\\ -> 40
      _ -> 0
    end
  end

  defp right_assoc?(op), do: op in [:++, :--, :+++, :---, :.., :<>, :=, :"::", :when, :|, :**, :<-, :\\, :||, :|||, :or]

  defp to_s({:__block__, _, [x]}), do: to_s(x)
  # A block inside a block is parenthesised and set off by blank lines, as the formatter does.
  defp to_s({:__block__, _, xs}) when is_list(xs) do
    xs
    |> Enum.map(fn
      {:__block__, _, [_, _ | _]} = inner -> {:paren, "(\n" <> indent(to_s(inner)) <> "\n)"}
      x -> {:plain, to_s(x)}
    end)
    |> Enum.reduce(nil, fn
      {kind, text}, nil -> {kind, text}
      {kind, text}, {prev, acc} -> {kind, acc <> if(kind == :paren or prev == :paren, do: "\n\n", else: "\n") <> text}
    end)
    |> case do
      nil -> ""
      {_, text} -> text
    end
  end

  defp to_s({:__aliases__, meta, segs}) when is_list(segs) do
    case {Keyword.get(meta, :alias, false), segs} do
      _ -> Enum.map_join(segs, ".", fn
        s when is_atom(s) -> String.replace_prefix(Atom.to_string(s), "Elixir.", "")
        s -> to_s(s)
      end)
    end
  end

  defp to_s({name, _, ctx}) when is_atom(name) and is_atom(ctx), do: Atom.to_string(name)

  defp to_s({:{}, _, items}) when is_list(items), do: "{" <> args_s(items) <> "}"
  defp to_s({:%{}, _, kv}) when is_list(kv), do: "%{" <> map_s(kv) <> "}"

  defp to_s({:%, _, [name, {:%{}, _, kv}]}), do: "%" <> to_s(name) <> "{" <> map_s(kv) <> "}"

  defp to_s({:<<>>, _, parts}) when is_list(parts) do
    if Enum.all?(parts, &interp_part?/1) do
      "\"" <> Enum.map_join(parts, "", &interp_s/1) <> "\""
    else
      "<<" <> Enum.map_join(parts, ", ", &segment_s/1) <> ">>"
    end
  end

  defp to_s({:fn, _, clauses}) when is_list(clauses) do
    case clauses do
      [{:->, _, [params, body]}] -> "fn " <> clause_head(params) <> "-> " <> to_s(body) <> " end"
      _ -> "fn\n" <> Enum.map_join(clauses, "\n", &indent(clause_s(&1))) <> "\nend"
    end
  end

  defp to_s({{:., _, [fun]}, _, args}) when is_list(args), do: paren_arg(fun) <> ".(" <> args_s(args) <> ")"

  defp to_s({{:., _, [Access, :get]}, _, [target, key]}), do: to_s(target) <> "[" <> to_s(key) <> "]"

  defp to_s({{:., meta, [left, right]}, cmeta, args}) when is_atom(right) and is_list(args) do
    lhs = remote_left(left)
    fun = remote_name(right)
    _ = meta
    if args == [] and Keyword.get(cmeta, :no_parens, false) do
      lhs <> "." <> fun
    else
      call_s(lhs <> "." <> fun, args)
    end
  end

  defp to_s({:&, _, [{:/, _, [{name, _, ctx} = f, arity]}]}) when is_atom(name) and is_atom(ctx) and is_integer(arity),
    do: "&" <> to_s(f) <> "/" <> Integer.to_string(arity)

  defp to_s({:&, _, [{:/, _, [{{:., _, [_, name]}, _, []} = f, arity]}]}) when is_atom(name) and is_integer(arity),
    do: "&" <> String.trim_trailing(to_s(f), "()") <> "/" <> Integer.to_string(arity)

  defp to_s({op, _, [a]}) when op in [:!, :^, :@, :&, :-, :+, :~~~] do
    Atom.to_string(op) <> unary_arg(op, a)
  end

  defp to_s({:not, _, [a]}), do: "not " <> to_s(a)

  defp to_s({:.., _, [a, b]}), do: to_s(a) <> ".." <> to_s(b)

  defp to_s({:"..//", _, [a, b, c]}), do: to_s(a) <> ".." <> to_s(b) <> "//" <> to_s(c)

  defp to_s({op, _, [a, b]}) when op in @binary_ops do
    p = prec(op)
    {lp, rp} = if right_assoc?(op), do: {p + 1, p}, else: {p, p + 1}
    side(a, lp) <> " " <> Atom.to_string(op) <> " " <> side(b, rp)
  end

  defp to_s({name, _, args}) when is_atom(name) and is_list(args) do
    call_s(Atom.to_string(name), args)
  end

  defp to_s({a, b}), do: "{" <> to_s(a) <> ", " <> to_s(b) <> "}"

  defp to_s(list) when is_list(list) do
    cond do
      list != [] and Enum.all?(list, &kw_pair?/1) -> "[" <> kw_s(list) <> "]"
      true -> "[" <> list_s(list) <> "]"
    end
  end

  defp to_s(bin) when is_binary(bin) do
    if String.printable?(bin), do: inspect(bin), else: "\"" <> escape_bytes(bin, "") <> "\""
  end

  defp to_s(other), do: inspect(other)

  # A binary that is not printable text, as Macro.to_string writes it (Elixir 1.14's
  # Code.Identifier.escape/4): printable characters as they are, the usual escapes, other
  # code points below 256 and bytes that are not UTF-8 as \xHH.
  defp escape_bytes(<<>>, acc), do: acc
  defp escape_bytes(<<"\#{", rest::binary>>, acc), do: escape_bytes(rest, acc <> "\\\#{")
  defp escape_bytes(<<c::utf8, rest::binary>>, acc), do: escape_bytes(rest, acc <> escape_char(c))
  defp escape_bytes(<<b, rest::binary>>, acc), do: escape_bytes(rest, acc <> hex_escape(b))

  defp escape_char(?"), do: "\\\""
  defp escape_char(?\\), do: "\\\\"
  defp escape_char(?\n), do: "\\n"
  defp escape_char(?\t), do: "\\t"
  defp escape_char(?\r), do: "\\r"
  defp escape_char(?\a), do: "\\a"
  defp escape_char(?\b), do: "\\b"
  defp escape_char(?\e), do: "\\e"
  defp escape_char(?\d), do: "\\d"
  defp escape_char(?\v), do: "\\v"
  defp escape_char(?\f), do: "\\f"
  defp escape_char(0), do: "\\0"
  defp escape_char(c) when c < 0x20 or c in 0x7F..0x9F, do: hex_escape(c)
  defp escape_char(c), do: <<c::utf8>>

  defp hex_escape(b), do: "\\x" <> String.pad_leading(Integer.to_string(b, 16), 2, "0")

  defp list_s(items) do
    case List.last(items) do
      {:|, _, [h, t]} -> args_s(Enum.drop(items, -1) ++ [h]) <> " | " <> to_s(t)
      _ -> args_s(items)
    end
  end

  defp call_s(name, args) do
    case split_do(args) do
      {rest, blocks} ->
        head = if rest == [], do: name, else: name <> " " <> args_s(rest)
        head <> " " <> blocks_s(blocks) <> "\nend"

      nil ->
        name <> "(" <> args_s(args) <> ")"
    end
  end

  defp split_do(args) do
    case List.last(args) do
      [{:do, _} | _] = kw ->
        if Enum.all?(kw, fn {k, _} -> k in [:do, :else, :after, :rescue, :catch]; _ -> false end),
          do: {Enum.drop(args, -1), kw},
          else: nil

      _ ->
        nil
    end
  end

  defp blocks_s(kw) do
    Enum.map_join(kw, "\n", fn {k, body} ->
      Atom.to_string(k) <> "\n" <> indent(block_body(body))
    end)
  end

  # As Elixir's formatter: when one clause's body takes several lines, every body goes on
  # lines of its own, and the clauses are separated by blank lines.
  defp block_body([{:->, _, _} | _] = clauses) do
    if Enum.any?(clauses, fn {:->, _, [_, body]} -> String.contains?(to_s(body), "\n") end) do
      Enum.map_join(clauses, "\n\n", fn {:->, _, [params, body]} -> clause_head(params) <> "->\n" <> indent(to_s(body)) end)
    else
      Enum.map_join(clauses, "\n", &clause_s/1)
    end
  end
  defp block_body(body), do: to_s(body)

  defp clause_s({:->, _, [params, body]}) do
    b = to_s(body)
    if String.contains?(b, "\n") do
      clause_head(params) <> "->\n" <> indent(b)
    else
      clause_head(params) <> "-> " <> b
    end
  end

  defp clause_head([]), do: ""
  defp clause_head(params), do: args_s(params) <> " "

  defp indent(s), do: s |> String.split("\n") |> Enum.map_join("\n", fn "" -> ""; l -> "  " <> l end)

  defp args_s(args) do
    case List.last(args) do
      [_ | _] = kw ->
        if Enum.all?(kw, &kw_pair?/1) do
          Enum.map_join(Enum.drop(args, -1) |> Enum.map(&to_s/1), "", &(&1 <> ", ")) <> kw_s(kw)
        else
          Enum.map_join(args, ", ", &to_s/1)
        end

      _ ->
        Enum.map_join(args, ", ", &to_s/1)
    end
  end

  defp kw_pair?({k, _}) when is_atom(k), do: true
  defp kw_pair?(_), do: false

  defp kw_s(kw), do: Enum.map_join(kw, ", ", fn {k, v} -> key_s(k) <> " " <> to_s(v) end)

  defp key_s(k) do
    s = inspect(k)
    case s do
      ":\"" <> rest -> "\"" <> rest <> ":"
      ":" <> rest -> rest <> ":"
    end
  end

  defp map_s(kv) do
    if Enum.all?(kv, &kw_pair?/1) do
      kw_s(kv)
    else
      Enum.map_join(kv, ", ", fn {k, v} -> to_s(k) <> " => " <> to_s(v) end)
    end
  end

  defp side(x, p) do
    case x do
      {op, _, [_, _]} when is_atom(op) ->
        if op in @binary_ops and prec(op) < p, do: "(" <> to_s(x) <> ")", else: to_s(x)

      _ ->
        to_s(x)
    end
  end

  defp unary_arg(_op, {op2, _, [_, _]} = x) when is_atom(op2) do
    if op2 in @binary_ops, do: "(" <> to_s(x) <> ")", else: to_s(x)
  end

  defp unary_arg(_op, x), do: to_s(x)

  defp paren_arg({name, _, ctx} = v) when is_atom(name) and is_atom(ctx), do: to_s(v)
  defp paren_arg(x), do: "(" <> to_s(x) <> ")"

  # A binary segment `a::binary` (no spaces around `::` inside `<<>>`).
  defp segment_s({:"::", _, [value, type]}), do: to_s(value) <> "::" <> to_s(type)
  defp segment_s(part), do: to_s(part)

  # The function name of a remote call: quoted unless an identifier or an Elixir operator
  # (`:erlang."=:="`, but `:erlang.>=`).
  defp remote_name(name) do
    s = Atom.to_string(name)

    cond do
      Regex.match?(~r/^[a-z_][a-zA-Z0-9_]*[?!]?$/, s) -> s
      operator?(name, 2) or operator?(name, 1) -> s
      true -> inspect(s)
    end
  end

  defp remote_left({:__aliases__, _, _} = a), do: to_s(a)
  defp remote_left(a) when is_atom(a) do
    s = Atom.to_string(a)
    if String.starts_with?(s, "Elixir."), do: String.replace_prefix(s, "Elixir.", ""), else: inspect(a)
  end
  defp remote_left(x), do: to_s(x)

  defp interp_part?(s) when is_binary(s), do: true
  defp interp_part?({:"::", _, [{{:., _, [Kernel, :to_string]}, _, [_]}, {:binary, _, _}]}), do: true
  defp interp_part?(_), do: false

  defp interp_s(s) when is_binary(s) do
    inner = to_s(s)
    String.slice(inner, 1, String.length(inner) - 2)
  end

  defp interp_s({:"::", _, [{{:., _, [Kernel, :to_string]}, _, [x]}, _]}), do: "\#{" <> to_s(x) <> "}"
end
