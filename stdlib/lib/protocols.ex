defmodule String.Chars do
  @moduledoc """
  The `String.Chars` protocol (`to_string/1`, string interpolation). Built-in types convert
  natively (`:retort_protocol.builtin_to_string/1`); maps, structs, tuples, pids, references
  and funs dispatch to a user `defimpl String.Chars` (`String.Chars.MyStruct`).
  """

  def to_string(x) when is_binary(x), do: x

  def to_string(x) when is_map(x) or is_tuple(x) or is_pid(x) or is_reference(x) or is_function(x) do
    case :retort_protocol.impl_for(String.Chars, x, false) do
      nil -> raise Protocol.UndefinedError, protocol: String.Chars, value: x
      impl -> impl.to_string(x)
    end
  end

  def to_string(x), do: :retort_protocol.builtin_to_string(x)

  def impl_for(x), do: :retort_protocol.impl_for(String.Chars, x, false)

  def impl_for!(x) do
    case impl_for(x) do
      nil -> raise Protocol.UndefinedError, protocol: String.Chars, value: x
      impl -> impl
    end
  end

  def __protocol__(:module), do: String.Chars
  def __protocol__(:functions), do: [to_string: 1]
  def __protocol__(:consolidated?), do: false
  def __protocol__(:impls), do: :not_consolidated
end

defmodule List.Chars do
  @moduledoc "The `List.Chars` protocol (`to_charlist/1`): built-in types natively, structs by their implementation."

  def to_charlist(%{__struct__: _} = x) do
    case :retort_protocol.impl_for(List.Chars, x, false) do
      nil -> raise Protocol.UndefinedError, protocol: List.Chars, value: x
      impl -> impl.to_charlist(x)
    end
  end

  def to_charlist(x), do: Kernel.to_charlist(x)

  def impl_for(x), do: :retort_protocol.impl_for(List.Chars, x, false)
  def __protocol__(:module), do: List.Chars
  def __protocol__(:functions), do: [to_charlist: 1]
  def __protocol__(:consolidated?), do: false
  def __protocol__(:impls), do: :not_consolidated
end

defmodule Inspect.Opts do
  @moduledoc "The options of `inspect/2` as Elixir 1.14's `Inspect.Opts` struct."
  defstruct base: :decimal,
            binaries: :infer,
            char_lists: :infer,
            charlists: :infer,
            custom_options: [],
            inspect_fun: &Inspect.inspect/2,
            limit: 50,
            pretty: false,
            printable_limit: 4096,
            safe: true,
            structs: true,
            syntax_colors: [],
            width: 80

  def new(%Inspect.Opts{} = opts), do: opts

  def new(opts) when is_list(opts) do
    Enum.reduce(opts, %Inspect.Opts{}, fn
      {:label, _}, acc -> acc
      {k, v}, acc when is_map_key(acc, k) -> Map.put(acc, k, v)
      _, acc -> acc
    end)
  end
end

defmodule Inspect do
  @moduledoc """
  The `Inspect` protocol. The built-in types (and structs without a user implementation) are
  printed natively; a struct with a user `defimpl Inspect` is printed by calling its
  `inspect/2`, whose `Inspect.Algebra` document the VM lays out (`:retort_protocol.format/2`).
  The inspect natives call `__kernel_inspect__/2` and `__io_inspect__/3` here when a term holds
  such a struct.
  """

  def inspect(term, opts) do
    opts = Inspect.Opts.new(opts)

    case user_impl(term) do
      nil -> Inspect.Algebra.to_doc(term, opts)
      impl -> impl.inspect(term, opts)
    end
  end

  def impl_for(x), do: :retort_protocol.impl_for(Inspect, x, false) || Inspect.Any
  def __protocol__(:module), do: Inspect
  def __protocol__(:functions), do: [inspect: 2]
  def __protocol__(:consolidated?), do: false
  def __protocol__(:impls), do: :not_consolidated

  @doc false
  def user_impl(%{__struct__: s} = x) when is_atom(s) and s != :"retort.doc" do
    :retort_protocol.impl_for(Inspect, x, false)
  end

  def user_impl(_), do: nil

  @doc false
  def __kernel_inspect__(term, opts) do
    opts = Inspect.Opts.new(opts)
    width = if opts.pretty, do: opts.width, else: :infinity
    doc = Inspect.Algebra.group(Inspect.Algebra.to_doc(term, opts))
    :retort_protocol.format(doc, width)
  end

  @doc false
  def __io_inspect__(device, term, opts) do
    label = Keyword.get(opts, :label)
    opts = Inspect.Opts.new(Keyword.put_new(opts, :pretty, true))
    doc = Inspect.Algebra.group(Inspect.Algebra.to_doc(term, opts))
    text = :retort_protocol.format(doc, opts.width)

    case label do
      nil -> IO.puts(device, text)
      label -> IO.puts(device, [to_string(label), ": ", text])
    end

    term
  end

  @doc false
  # `term` with every struct that has a user implementation replaced by a marker holding its
  # document (the VM prints the marker's document where the struct was).
  def __substitute__(term, opts) do
    cond do
      not :retort_protocol.inspect_user?(term) ->
        term

      impl = user_impl(term) ->
        %{__struct__: :"retort.doc", doc: impl.inspect(term, opts)}

      is_list(term) ->
        substitute_list(term, opts)

      is_tuple(term) ->
        term |> Tuple.to_list() |> Enum.map(&__substitute__(&1, opts)) |> List.to_tuple()

      is_map(term) ->
        :maps.from_list(for {k, v} <- :maps.to_list(term), do: {__substitute__(k, opts), __substitute__(v, opts)})

      true ->
        term
    end
  end

  defp substitute_list([h | t], opts), do: [__substitute__(h, opts) | substitute_list(t, opts)]
  defp substitute_list([], _opts), do: []
  defp substitute_list(tail, opts), do: __substitute__(tail, opts)
end

defmodule Inspect.Any do
  @moduledoc "`Inspect` for any term (the native printer), and the `@derive {Inspect, only: ...}` form."
  import Inspect.Algebra

  def inspect(term, opts), do: {:doc_retort_term, term, Inspect.Opts.new(opts)}

  @doc false
  def __derived__(struct, opts, fields, hidden?) do
    name = Kernel.inspect(struct.__struct__)
    items = Enum.map(fields, fn f -> {f, Map.get(struct, f)} end)
    items = if hidden?, do: items ++ [:...], else: items

    container_doc("#" <> name <> "<", items, ">", opts, fn
      :..., _opts -> "..."
      {k, v}, opts -> concat(Atom.to_string(k) <> ": ", to_doc(v, opts))
    end, separator: ",", break: :strict)
  end
end

defmodule Inspect.Algebra do
  @moduledoc """
  A working subset of Elixir 1.14's `Inspect.Algebra`: documents are the same terms
  (`{:doc_cons, l, r}`, `{:doc_group, d, :self}`, binaries ...) and are laid out by the VM's
  engine (`:retort_protocol.format/2`). Colours are accepted and not printed.
  """

  def empty, do: :doc_nil
  def string(s) when is_binary(s), do: {:doc_string, s, String.length(s)}

  def concat(a, b), do: {:doc_cons, a, b}
  def concat(docs) when is_list(docs), do: fold_doc(docs, &concat(&1, &2))

  def nest(doc, 0), do: doc
  def nest(doc, level), do: {:doc_nest, doc, level, :always}
  def nest(doc, 0, _mode), do: doc
  def nest(doc, level, mode), do: {:doc_nest, doc, level, mode}

  def break(s \\ " ") when is_binary(s), do: {:doc_break, s, :strict}
  def flex_break(s \\ " ") when is_binary(s), do: {:doc_break, s, :flex}

  def glue(a, s \\ " ", b), do: concat(a, concat(break(s), b))
  def flex_glue(a, s \\ " ", b), do: concat(a, concat(flex_break(s), b))

  def space(a, b), do: concat(a, concat(" ", b))
  def line, do: :doc_line
  def line(a, b), do: concat(a, concat(:doc_line, b))

  def group(doc, mode \\ :self), do: {:doc_group, doc, mode}
  def force_unfit(doc), do: {:doc_force, doc}
  def next_break_fits(doc, mode \\ :enabled), do: {:doc_fits, doc, mode}
  def no_limit(doc), do: {:doc_limit, doc, :infinity}
  def collapse_lines(n), do: {:doc_collapse, n}
  def color(doc, _key, _opts), do: doc

  def fold_doc([], _fun), do: :doc_nil
  def fold_doc([doc], _fun), do: doc
  def fold_doc([doc | docs], fun), do: fun.(doc, fold_doc(docs, fun))

  def format(doc, width), do: :retort_protocol.format(doc, width)

  def to_doc(term, opts) do
    opts = Inspect.Opts.new(opts)

    case Inspect.user_impl(term) do
      nil -> {:doc_retort_term, Inspect.__substitute__(term, opts), opts}
      impl -> impl.inspect(term, opts)
    end
  end

  def container_doc(left, collection, right, inspect_opts, fun, opts \\ []) do
    case collection do
      [] ->
        concat(left, right)

      _ ->
        inspect_opts = Inspect.Opts.new(inspect_opts)
        separator = Keyword.get(opts, :separator, ",")
        break = Keyword.get(opts, :break, :maybe)
        docs = container_each(collection, inspect_opts.limit, inspect_opts, fun, [])
        simple? = break == :maybe and Enum.all?(docs, &simple?/1)
        flex? = simple? or break == :flex
        docs = fold_doc(docs, &join(&1, &2, flex?, separator))

        if flex? do
          group(concat(concat(left, nest(docs, 1)), right))
        else
          group(glue(nest(glue(left, "", docs), 2), "", right))
        end
    end
  end

  defp container_each([], _limit, _opts, _fun, acc), do: :lists.reverse(acc)
  defp container_each(_, 0, _opts, _fun, acc), do: :lists.reverse(["..." | acc])

  defp container_each([h | t], limit, opts, fun, acc) do
    limit = if is_integer(limit), do: limit - 1, else: limit
    doc = fun.(h, %{opts | limit: limit})
    container_each(t, limit, opts, fun, [doc | acc])
  end

  defp join(:doc_nil, :doc_nil, _, _), do: :doc_nil
  defp join(left, :doc_nil, _, _), do: left
  defp join(:doc_nil, right, _, _), do: right
  defp join(left, right, true, sep), do: flex_glue(concat(left, sep), right)
  defp join(left, right, false, sep), do: glue(concat(left, sep), right)

  defp simple?({:doc_cons, l, r}), do: simple?(l) and simple?(r)
  defp simple?({:doc_string, _, _}), do: true
  defp simple?(:doc_nil), do: true
  # a value the native printer lays out: simple (a plain string) unless it is a container
  defp simple?({:doc_retort_term, t, _}), do: not ((is_list(t) and t != []) or is_tuple(t) or is_map(t))
  defp simple?(other), do: is_binary(other)
end

defmodule Enumerable do
  @moduledoc """
  The `Enumerable` protocol. `Enum` and `Stream` reduce lists, maps, ranges, MapSets and
  streams natively; any other struct goes to its implementation (`Enumerable.MyStruct`),
  through `reduce/3` (and `count/1`, `member?/2` when they answer).
  """

  def reduce(enumerable, acc, fun), do: dispatch(enumerable).reduce(enumerable, acc, fun)
  def count(enumerable), do: dispatch(enumerable).count(enumerable)
  def member?(enumerable, x), do: dispatch(enumerable).member?(enumerable, x)
  def slice(enumerable), do: dispatch(enumerable).slice(enumerable)

  def impl_for(x), do: :retort_protocol.impl_for(Enumerable, x, false) || builtin(x)
  def __protocol__(:module), do: Enumerable
  def __protocol__(:functions), do: [count: 1, member?: 2, reduce: 3, slice: 1]
  def __protocol__(:consolidated?), do: false
  def __protocol__(:impls), do: :not_consolidated


  defp builtin(x) when is_list(x), do: Enumerable.List
  defp builtin(%{__struct__: s}) when s in [Range, MapSet, Stream], do: Enumerable.Builtin
  defp builtin(x) when is_map(x) and not is_map_key(x, :__struct__), do: Enumerable.Map
  defp builtin(x) when is_function(x, 2), do: Enumerable.Builtin
  defp builtin(_), do: nil

  defp dispatch(x) do
    case :retort_protocol.impl_for(Enumerable, x, false) do
      nil ->
        builtin(x) || raise(Protocol.UndefinedError, protocol: Enumerable, value: x)

      impl ->
        impl
    end
  end

  @doc false
  # Enum's reduction for a struct with a user implementation: `fun` returns `{:cont, acc}` or
  # `{:halt, acc}`, as Enum's own iteration does.
  def __reduce__(struct, acc, fun) do
    impl = :retort_protocol.impl_for(Enumerable, struct, false) || raise(Protocol.UndefinedError, protocol: Enumerable, value: struct)

    case impl.reduce(struct, {:cont, acc}, fun) do
      {:done, acc} -> acc
      {:halted, acc} -> acc
    end
  end

  @doc false
  def __impl__(struct) do
    :retort_protocol.impl_for(Enumerable, struct, false) || raise(Protocol.UndefinedError, protocol: Enumerable, value: struct)
  end
end

defmodule Enumerable.Builtin do
  @moduledoc false
  # Enumerable's functions for the built-in enumerables, on a list copy (with `:suspend`).
  def reduce(enumerable, acc, fun), do: reduce_list(Enum.to_list(enumerable), acc, fun)
  def count(enumerable), do: {:ok, Enum.count(enumerable)}
  def member?(enumerable, x), do: {:ok, Enum.member?(enumerable, x)}
  def slice(enumerable), do: {:error, __MODULE__}

  defp reduce_list(_list, {:halt, acc}, _fun), do: {:halted, acc}
  defp reduce_list(list, {:suspend, acc}, fun), do: {:suspended, acc, &reduce_list(list, &1, fun)}
  defp reduce_list([], {:cont, acc}, _fun), do: {:done, acc}
  defp reduce_list([h | t], {:cont, acc}, fun), do: reduce_list(t, fun.(h, acc), fun)
end

defmodule Collectable do
  @moduledoc "The `Collectable` protocol: `Enum.into/2,3` and `for ... into:` on a user struct call its `into/1`."

  def into(collectable) do
    case :retort_protocol.impl_for(Collectable, collectable, false) do
      nil -> raise Protocol.UndefinedError, protocol: Collectable, value: collectable
      impl -> impl.into(collectable)
    end
  end

  def impl_for(x), do: :retort_protocol.impl_for(Collectable, x, false)
  def __protocol__(:module), do: Collectable
  def __protocol__(:functions), do: [into: 1]
  def __protocol__(:consolidated?), do: false
  def __protocol__(:impls), do: :not_consolidated
end

defmodule Enumerable.List do
  @moduledoc "`Enumerable` for lists, as Elixir 1.14's (with `:suspend`), for implementations that delegate to it."
  def reduce(_list, {:halt, acc}, _fun), do: {:halted, acc}
  def reduce(list, {:suspend, acc}, fun), do: {:suspended, acc, &reduce(list, &1, fun)}
  def reduce([], {:cont, acc}, _fun), do: {:done, acc}
  def reduce([h | t], {:cont, acc}, fun), do: reduce(t, fun.(h, acc), fun)
  def count(_list), do: {:error, __MODULE__}
  def member?(_list, _value), do: {:error, __MODULE__}
  def slice(_list), do: {:error, __MODULE__}
end

defmodule Enumerable.Map do
  @moduledoc "`Enumerable` for maps: the `{key, value}` pairs."
  def reduce(map, acc, fun), do: Enumerable.List.reduce(:maps.to_list(map), acc, fun)
  def count(map), do: {:ok, map_size(map)}
  def member?(map, {key, value}), do: {:ok, match?(%{^key => ^value}, map)}
  def member?(_map, _other), do: {:ok, false}
  def slice(map), do: {:ok, map_size(map), &Enum.slice(:maps.to_list(map), &1, &2)}
end
