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
end
