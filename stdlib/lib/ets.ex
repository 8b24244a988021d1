defmodule :ets do
  @moduledoc """
  The part of Erlang's `ets` (OTP 25) that takes a fun or a match pattern, over the natives of
  `vm/src/bif/ets.rs` (`new/2`, `insert/2`, `lookup/2`, `tab2list/1`, ...).

  Match patterns (`match/2`, `match_object/2`, `match_delete/2`) and match specifications
  (`select/2`, `select_count/2`, `select_delete/2`, `select_reverse/2`) are interpreted here,
  over the table's objects in its order: `:_` matches anything, `:"$N"` binds (and a second
  occurrence must equal the first); guards are `{op, args...}` tuples as in Erlang's match
  specifications (comparisons, arithmetic, boolean operators, type tests, `element`, `hd`,
  `tl`, `length`, `map_get`, `is_map_key`, `size`, `abs`); a guard that raises is false; the
  body's last expression is the result, with `:"$_"` (the object), `:"$$"` (the bindings in
  order), `{{...}}` (a tuple built from its elements) and `{:const, x}`.
  """

  @doc "Folds `fun.(object, acc)` over the table's objects, first to last."
  def foldl(fun, acc, tab) when is_function(fun, 2), do: :lists.foldl(fun, acc, :ets.tab2list(tab))

  @doc "Folds `fun.(object, acc)` over the table's objects, last to first."
  def foldr(fun, acc, tab) when is_function(fun, 2), do: :lists.foldr(fun, acc, :ets.tab2list(tab))

  @doc "The objects that match `pattern`."
  def match_object(tab, pattern) do
    for obj <- :ets.tab2list(tab), match?({:ok, _}, ms_match(pattern, obj, %{})), do: obj
  end

  @doc "For each object that matches `pattern`, the values of its `:\"$N\"` variables in order."
  def match(tab, pattern) do
    for obj <- :ets.tab2list(tab), {:ok, b} <- [ms_match(pattern, obj, %{})], do: bindings(b)
  end

  @doc "Deletes the objects that match `pattern`; `true`."
  def match_delete(tab, pattern) do
    for obj <- match_object(tab, pattern), do: :ets.delete_object(tab, obj)
    true
  end

  @doc "The results of the match specification `spec` on the table's objects."
  def select(tab, spec) do
    check_spec(tab, spec, :select)
    Enum.flat_map(:ets.tab2list(tab), fn obj -> run_spec(spec, obj) end)
  end

  @doc "`select/2` over the objects last to first."
  def select_reverse(tab, spec) do
    check_spec(tab, spec, :select_reverse)
    Enum.flat_map(:lists.reverse(:ets.tab2list(tab)), fn obj -> run_spec(spec, obj) end)
  end

  @doc "How many objects the match specification's body answers `true` for."
  def select_count(tab, spec) do
    check_spec(tab, spec, :select_count)
    Enum.count(:ets.tab2list(tab), fn obj -> run_spec(spec, obj) == [true] end)
  end

  @doc "Deletes the objects the match specification's body answers `true` for; how many."
  def select_delete(tab, spec) do
    check_spec(tab, spec, :select_delete)

    Enum.reduce(:ets.tab2list(tab), 0, fn obj, n ->
      if run_spec(spec, obj) == [true] do
        :ets.delete_object(tab, obj)
        n + 1
      else
        n
      end
    end)
  end

  @doc "Runs a match specification on a list of terms (`ets:match_spec_run/2`)."
  def match_spec_run(list, spec), do: Enum.flat_map(list, fn obj -> run_spec(spec, obj) end)

  @doc "Every property `info/2` answers, as a keyword list; `:undefined` for a missing table."
  def info(tab) do
    case :ets.info(tab, :id) do
      :undefined ->
        :undefined

      id ->
        [id: id, read_concurrency: false, write_concurrency: false, compressed: false] ++
          for item <- [:owner, :heir, :name, :size, :named_table, :type, :keypos, :protection],
              do: {item, :ets.info(tab, item)}
    end
  end

  defp check_spec(tab, spec, _fun) do
    if not (is_list(spec) and Enum.all?(spec, &match?({_, g, b} when is_list(g) and is_list(b), &1))) do
      # The table is checked first, as the BEAM does.
      _ = :ets.first(tab)
      :erlang.error(:badarg)
    end
  end

  defp run_spec([], _obj), do: []

  defp run_spec([{head, guards, body} | rest], obj) do
    with {:ok, b} <- ms_match(head, obj, %{}),
         true <- Enum.all?(guards, fn g -> guard(g, b, obj) == true end) do
      [body_value(body, b, obj)]
    else
      _ -> run_spec(rest, obj)
    end
  end

  defp body_value(body, b, obj) do
    Enum.reduce(body, nil, fn expr, _ -> ms_eval(expr, b, obj) end)
  end

  defp guard(g, b, obj) do
    try do
      ms_eval(g, b, obj)
    rescue
      _ -> false
    end
  end

  defp var?(a) when is_atom(a) do
    case Atom.to_string(a) do
      "$" <> digits -> match?({_, ""}, Integer.parse(digits)) and not String.starts_with?(digits, ["-", "+"])
      _ -> false
    end
  end

  defp var?(_), do: false

  defp bindings(b) do
    b |> Map.to_list() |> Enum.sort_by(fn {k, _} -> String.to_integer(String.slice(Atom.to_string(k), 1..-1)) end) |> Enum.map(&elem(&1, 1))
  end

  defp ms_match(:_, _term, b), do: {:ok, b}

  defp ms_match(pat, term, b) when is_atom(pat) do
    if var?(pat) do
      case b do
        %{^pat => v} -> if v === term, do: {:ok, b}, else: :error
        _ -> {:ok, Map.put(b, pat, term)}
      end
    else
      if pat === term, do: {:ok, b}, else: :error
    end
  end

  defp ms_match(pat, term, b) when is_tuple(pat) and is_tuple(term) and tuple_size(pat) == tuple_size(term) do
    ms_match(Tuple.to_list(pat), Tuple.to_list(term), b)
  end

  defp ms_match([p | ps], [t | ts], b) do
    case ms_match(p, t, b) do
      {:ok, b} -> ms_match(ps, ts, b)
      :error -> :error
    end
  end

  defp ms_match(pat, term, b) when is_map(pat) and is_map(term) do
    Enum.reduce_while(pat, {:ok, b}, fn {k, p}, {:ok, b} ->
      case term do
        %{^k => t} ->
          case ms_match(p, t, b) do
            {:ok, b} -> {:cont, {:ok, b}}
            :error -> {:halt, :error}
          end

        _ ->
          {:halt, :error}
      end
    end)
  end

  defp ms_match(pat, term, b), do: if(pat === term, do: {:ok, b}, else: :error)

  defp ms_eval(:"$_", _b, obj), do: obj
  defp ms_eval(:"$$", b, _obj), do: bindings(b)

  defp ms_eval(a, b, _obj) when is_atom(a) do
    case b do
      %{^a => v} -> v
      _ -> a
    end
  end

  defp ms_eval({:const, x}, _b, _obj), do: x
  defp ms_eval({t}, b, obj) when is_tuple(t), do: t |> Tuple.to_list() |> Enum.map(&ms_eval(&1, b, obj)) |> List.to_tuple()
  defp ms_eval(l, b, obj) when is_list(l), do: Enum.map(l, &ms_eval(&1, b, obj))

  defp ms_eval({op, x}, b, obj) do
    x = ms_eval(x, b, obj)

    case op do
      :not -> not x
      :- -> -x
      :abs -> abs(x)
      :hd -> hd(x)
      :tl -> tl(x)
      :length -> length(x)
      :size -> tuple_size(x)
      :tuple_size -> tuple_size(x)
      :map_size -> map_size(x)
      :is_atom -> is_atom(x)
      :is_binary -> is_binary(x)
      :is_float -> is_float(x)
      :is_integer -> is_integer(x)
      :is_list -> is_list(x)
      :is_map -> is_map(x)
      :is_number -> is_number(x)
      :is_pid -> is_pid(x)
      :is_reference -> is_reference(x)
      :is_tuple -> is_tuple(x)
      :is_function -> is_function(x)
    end
  end

  defp ms_eval({:andalso, x, y}, b, obj), do: ms_eval(x, b, obj) == true and ms_eval(y, b, obj) == true
  defp ms_eval({:orelse, x, y}, b, obj), do: ms_eval(x, b, obj) == true or ms_eval(y, b, obj) == true

  defp ms_eval({op, x, y}, b, obj) when is_atom(op) do
    x = ms_eval(x, b, obj)
    y = ms_eval(y, b, obj)

    case op do
      :== -> x == y
      :"=:=" -> x === y
      :"/=" -> x != y
      :"=/=" -> x !== y
      :< -> x < y
      :> -> x > y
      :"=<" -> x <= y
      :>= -> x >= y
      :and -> x and y
      :or -> x or y
      :xor -> (x or y) and not (x and y)
      :+ -> x + y
      :- -> x - y
      :* -> x * y
      :/ -> x / y
      :div -> div(x, y)
      :rem -> rem(x, y)
      :element -> elem(y, x - 1)
      :map_get -> Map.fetch!(y, x)
      :is_map_key -> Map.has_key?(y, x)
      :max -> max(x, y)
      :min -> min(x, y)
    end
  end

  defp ms_eval(other, _b, _obj), do: other
end
