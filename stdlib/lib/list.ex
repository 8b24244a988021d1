defmodule List do
  @moduledoc """
  Functions that only work on lists (see `Enum` for those on any enumerable), including
  keyword-style lookups in lists of tuples (`keyfind/3`, `keystore/4`, ...) and charlist
  conversions.
  """
  # The leaf operations (`first/1`, `flatten/1`, `keyfind/3`, `insert_at/3` ...) are natives;
  # the ones that take a fun are written here.

  @doc "Folds from the left: `fun.(element, acc)`."
  def foldl([h | t], acc, fun), do: foldl(t, fun.(h, acc), fun)
  def foldl([], acc, _fun), do: acc

  @doc "The tuple whose element at `position` (zero-based) is `key`, or a `KeyError`."
  def keyfind!(list, key, position) when is_integer(position) do
    :lists.keyfind(key, position + 1, list) ||
      raise KeyError,
        key: key,
        term: list,
        message: "key #{inspect(key)} at position #{inspect(position)} not found in: #{inspect(list)}"
  end

  @doc "Sorts tuples by the element at `position`, `:asc`, `:desc`, a compare module or a fun."
  def keysort(list, position, sorter) when is_integer(position) do
    Enum.sort_by(list, fn t -> :erlang.element(position + 1, t) end, sorter)
  end

  @doc "Whether the charlist holds only printable ASCII (checking at most `limit` characters)."
  def ascii_printable?(list, limit \\ :infinity)
      when is_list(list) and (limit == :infinity or (is_integer(limit) and limit >= 0)) do
    ascii_printable_guarded?(list, limit)
  end

  defp ascii_printable_guarded?(_, 0), do: true

  defp ascii_printable_guarded?([char | rest], counter)
       when is_integer(char) and char >= 32 and char <= 126,
       do: ascii_printable_guarded?(rest, decrement(counter))

  defp ascii_printable_guarded?([char | rest], counter) when char in [10, 13, 9, 11, 8, 12, 27, 127, 7],
    do: ascii_printable_guarded?(rest, decrement(counter))

  defp ascii_printable_guarded?([], _counter), do: true
  defp ascii_printable_guarded?(_, _counter), do: false

  defp decrement(:infinity), do: :infinity
  defp decrement(counter), do: counter - 1

  @doc "Folds from the right."
  def foldr(list, acc, fun), do: foldl(:lists.reverse(list), acc, fun)

  @doc "Replaces the element at `index` with `fun.(element)`."
  def update_at(list, index, fun) do
    len = length(list)
    i = if index < 0, do: len + index, else: index

    if i < 0 or i >= len do
      list
    else
      {left, [x | right]} = :lists.split(i, list)
      left ++ [fun.(x) | right]
    end
  end

  def myers_difference(a, b) do
    # A simple LCS-based edit script (not Myers' algorithm, same result shape).
    lcs_script(a, b)
  end

  defp lcs_script(a, b) do
    ops = diff(a, b)
    compact(ops, [])
  end

  defp diff([], []), do: []
  defp diff([], b), do: Enum.map(b, &{:ins, &1})
  defp diff(a, []), do: Enum.map(a, &{:del, &1})
  defp diff([x | a], [x | b]), do: [{:eq, x} | diff(a, b)]

  defp diff([x | a] = la, [y | b] = lb) do
    d1 = [{:del, x} | diff(a, lb)]
    d2 = [{:ins, y} | diff(la, b)]
    if cost(d1) <= cost(d2), do: d1, else: d2
  end

  defp cost(ops), do: Enum.count(ops, fn {k, _} -> k != :eq end)

  defp compact([], acc), do: :lists.reverse(acc)
  defp compact([{k, x} | t], [{k, xs} | acc]), do: compact(t, [{k, xs ++ [x]} | acc])
  defp compact([{k, x} | t], acc), do: compact(t, [{k, [x]} | acc])
end

defmodule :lists do
  @moduledoc false
  # The parts of Erlang's :lists that call funs; the rest is native.

  def foldl(fun, acc, [h | t]), do: foldl(fun, fun.(h, acc), t)
  def foldl(_fun, acc, []), do: acc

  def foldr(fun, acc, list), do: foldl(fun, acc, :lists.reverse(list))

  def map(fun, [h | t]), do: [fun.(h) | map(fun, t)]
  def map(_fun, []), do: []

  def flatmap(fun, list), do: :lists.append(map(fun, list))

  def filter(fun, list), do: Enum.filter(list, fun)

  def filtermap(fun, [h | t]) do
    case fun.(h) do
      true -> [h | filtermap(fun, t)]
      {true, v} -> [v | filtermap(fun, t)]
      false -> filtermap(fun, t)
    end
  end

  def filtermap(_fun, []), do: []

  def foreach(fun, [h | t]) do
    fun.(h)
    foreach(fun, t)
  end

  def foreach(_fun, []), do: :ok

  def any(fun, list), do: Enum.any?(list, fun)
  def all(fun, list), do: Enum.all?(list, fun)
  def sort(fun, list), do: Enum.sort(list, fun)
  def usort(fun, list), do: Enum.dedup(Enum.sort(list, fun))
  def dropwhile(fun, list), do: Enum.drop_while(list, fun)
  def takewhile(fun, list), do: Enum.take_while(list, fun)
  def partition(fun, list), do: Enum.split_with(list, fun)
  def splitwith(fun, list), do: Enum.split_while(list, fun)
  def mapfoldl(fun, acc, list), do: Enum.map_reduce(list, acc, fun)
  def zipwith(fun, a, b), do: Enum.zip_with(a, b, fun)
  def keymap(fun, n, list), do: map(fn t -> :erlang.setelement(n, t, fun.(:erlang.element(n, t))) end, list)

  def search(fun, [h | t]) do
    if fun.(h), do: {:value, h}, else: search(fun, t)
  end

  def search(_fun, []), do: false

  # -- the rest of OTP 25's :lists, as lists.erl defines it ------------------------------------

  def droplast([_]), do: []
  def droplast([h | t]), do: [h | droplast(t)]

  def enumerate(list), do: enumerate(1, list)
  def enumerate(index, list) when is_integer(index) and is_list(list), do: enumerate_from(index, list)

  defp enumerate_from(_i, []), do: []
  defp enumerate_from(i, [h | t]), do: [{i, h} | enumerate_from(i + 1, t)]

  def flatlength(list), do: flatlength(list, 0)
  defp flatlength([h | t], n) when is_list(h), do: flatlength(t, flatlength(h, n))
  defp flatlength([_ | t], n), do: flatlength(t, n + 1)
  defp flatlength([], n), do: n

  def join(_sep, []), do: []
  def join(_sep, [h]), do: [h]
  def join(sep, [h | t]), do: [h, sep | join(sep, t)]

  def keysearch(key, n, list) when is_integer(n) and n > 0 do
    case :lists.keyfind(key, n, list) do
      false -> false
      tuple -> {:value, tuple}
    end
  end

  def mapfoldr(fun, acc, []) when is_function(fun, 2), do: {[], acc}

  def mapfoldr(fun, acc0, [h | t]) when is_function(fun, 2) do
    {rs, acc1} = mapfoldr(fun, acc0, t)
    {r, acc2} = fun.(h, acc1)
    {[r | rs], acc2}
  end

  def prefix([x | p], [y | l]), do: x === y and prefix(p, l)
  def prefix([], l) when is_list(l), do: true
  def prefix([_ | _], []), do: false

  def suffix(suffix, list) do
    delta = length(list) - length(suffix)
    delta >= 0 and :lists.nthtail(delta, list) === suffix
  end

  def uniq(list) when is_list(list), do: uniq_by(list, fn x -> x end, %{})
  def uniq(fun, list) when is_function(fun, 1) and is_list(list), do: uniq_by(list, fun, %{})

  defp uniq_by([], _fun, _seen), do: []

  defp uniq_by([h | t], fun, seen) do
    k = fun.(h)

    case seen do
      %{^k => _} -> uniq_by(t, fun, seen)
      _ -> [h | uniq_by(t, fun, Map.put(seen, k, true))]
    end
  end

  def unzip3(list), do: unzip3(list, [], [], [])
  defp unzip3([{x, y, z} | t], xs, ys, zs), do: unzip3(t, [x | xs], [y | ys], [z | zs])
  defp unzip3([], xs, ys, zs), do: {:lists.reverse(xs), :lists.reverse(ys), :lists.reverse(zs)}

  def zf(fun, list), do: filtermap(fun, list)

  def zip3([x | xs], [y | ys], [z | zs]), do: [{x, y, z} | zip3(xs, ys, zs)]
  def zip3([], [], []), do: []

  def zipwith3(f, [x | xs], [y | ys], [z | zs]), do: [f.(x, y, z) | zipwith3(f, xs, ys, zs)]
  def zipwith3(f, [], [], []) when is_function(f, 3), do: []

  # Merges: `le` tells whether the head of the first list goes first; on a tie the first
  # list's element comes first (the `u` variants drop the second list's equal element).
  def merge(lists) when is_list(lists), do: Enum.reduce(lists, [], fn l, acc -> merge(acc, l) end)
  def merge(l1, l2), do: merge_by(l1, l2, &(&1 <= &2), false)
  def merge(fun, l1, l2) when is_function(fun, 2), do: merge_by(l1, l2, fun, false)
  def merge3(l1, l2, l3), do: merge(merge(l1, l2), l3)
  # The reverse merges take the second list's element first on a tie (the `ru` ones keep the
  # first list's), as OTP's do.
  def rmerge(l1, l2), do: merge_by(l1, l2, &(&1 > &2), false)
  def rmerge(fun, l1, l2) when is_function(fun, 2), do: merge_by(l1, l2, fn a, b -> not fun.(a, b) end, false)
  def rmerge3(l1, l2, l3), do: rmerge(rmerge(l1, l2), l3)

  def umerge(lists) when is_list(lists), do: Enum.reduce(lists, [], fn l, acc -> umerge(acc, l) end)
  def umerge(l1, l2), do: merge_by(l1, l2, &(&1 <= &2), true)
  def umerge(fun, l1, l2) when is_function(fun, 2), do: merge_by(l1, l2, fun, true)
  def umerge3(l1, l2, l3), do: umerge(umerge(l1, l2), l3)
  def rumerge(l1, l2), do: merge_by(l1, l2, &(&1 >= &2), true)
  def rumerge(fun, l1, l2) when is_function(fun, 2), do: merge_by(l1, l2, fn a, b -> fun.(b, a) end, true)
  def rumerge3(l1, l2, l3), do: rumerge(rumerge(l1, l2), l3)

  def keymerge(n, l1, l2), do: merge_by(l1, l2, fn a, b -> elem(a, n - 1) <= elem(b, n - 1) end, false)
  def ukeymerge(n, l1, l2), do: merge_by(l1, l2, fn a, b -> elem(a, n - 1) <= elem(b, n - 1) end, true)
  def rkeymerge(n, l1, l2), do: merge_by(l1, l2, fn a, b -> elem(a, n - 1) > elem(b, n - 1) end, false)
  def rukeymerge(n, l1, l2), do: merge_by(l1, l2, fn a, b -> elem(a, n - 1) >= elem(b, n - 1) end, true)

  def ukeysort(n, list) when is_integer(n) and n > 0 do
    :lists.keysort(n, list)
    |> dedup_by(fn a, b -> elem(a, n - 1) == elem(b, n - 1) end)
  end

  defp dedup_by([a, b | t], same) do
    if same.(a, b), do: dedup_by([a | t], same), else: [a | dedup_by([b | t], same)]
  end

  defp dedup_by(list, _same), do: list

  defp merge_by([], l2, _le, _u), do: l2
  defp merge_by(l1, [], _le, _u), do: l1

  defp merge_by([h1 | t1] = l1, [h2 | t2] = l2, le, u) do
    cond do
      le.(h1, h2) ->
        if u and le.(h2, h1), do: [h1 | merge_by(t1, t2, le, u)], else: [h1 | merge_by(t1, l2, le, u)]

      true ->
        [h2 | merge_by(l1, t2, le, u)]
    end
  end
end
