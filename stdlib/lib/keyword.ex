defmodule Keyword do
  @moduledoc "Keyword lists: lists of `{atom, value}` pairs, duplicates allowed, first wins."

  @doc """
  Returns an empty keyword list.
  """
  def new, do: []
  @doc """
  Builds a keyword list from an enumerable of pairs, a later duplicate key replacing earlier ones.
  """
  def new(pairs), do: new(pairs, fn pair -> pair end)

  @doc """
  Builds a keyword list from an enumerable, `transform` turning each element into a `{key, value}` pair.
  """
  def new(pairs, transform) when is_function(transform, 1) do
    fun = fn el, acc ->
      {k, v} = transform.(el)
      put_new(acc, k, v)
    end

    :lists.foldl(fun, [], Enum.reverse(pairs))
  end

  @doc """
  Returns the value of the first entry with `key`, or `default`.

      iex> Keyword.get([a: 1, b: 2], :b)
      2
  """
  def get(keywords, key, default \\ nil) when is_list(keywords) and is_atom(key) do
    case :lists.keyfind(key, 1, keywords) do
      {_, v} -> v
      false -> default
    end
  end

  @doc """
  Returns the value of `key`, or calls `fun` for a default when it is absent.
  """
  def get_lazy(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 0) do
    case :lists.keyfind(key, 1, keywords) do
      {_, v} -> v
      false -> fun.()
    end
  end

  @doc """
  Returns the values of every entry with `key`.

      iex> Keyword.get_values([a: 1, b: 2, a: 3], :a)
      [1, 3]
  """
  def get_values(keywords, key) when is_list(keywords) and is_atom(key), do: for({^key, v} <- keywords, do: v)

  @doc """
  Returns `{:ok, value}` for the first entry with `key`, or `:error`.
  """
  def fetch(keywords, key) when is_list(keywords) and is_atom(key) do
    case :lists.keyfind(key, 1, keywords) do
      {_, v} -> {:ok, v}
      false -> :error
    end
  end

  @doc """
  Returns the value of the first entry with `key`; raises `KeyError` when there is none.
  """
  def fetch!(keywords, key) when is_list(keywords) and is_atom(key) do
    case :lists.keyfind(key, 1, keywords) do
      {_, v} -> v
      false -> raise KeyError, key: key, term: keywords
    end
  end

  @doc """
  Returns `true` if there is an entry with `key`.
  """
  def has_key?(keywords, key) when is_list(keywords) and is_atom(key), do: :lists.keymember(key, 1, keywords)

  @doc """
  Returns the keys, in order (duplicates included).
  """
  def keys(keywords), do: for({k, _} <- keywords, do: k)
  @doc """
  Returns the values, in order.
  """
  def values(keywords), do: for({_, v} <- keywords, do: v)

  @doc """
  Deletes every entry with `key`.

      iex> Keyword.delete([a: 1, b: 2, a: 3], :a)
      [b: 2]
  """
  def delete(keywords, key) when is_list(keywords) and is_atom(key), do: for({k, _} = kv <- keywords, k != key, do: kv)
  @doc """
  Deletes only the first entry with `key`.
  """
  def delete_first(keywords, key), do: :lists.keydelete(key, 1, keywords)

  @doc """
  Puts `value` under `key`, removing any other entries with that key.

      iex> Keyword.put([a: 1], :b, 2)
      [b: 2, a: 1]
  """
  def put(keywords, key, value) when is_list(keywords) and is_atom(key), do: [{key, value} | delete(keywords, key)]

  @doc """
  Puts `value` under `key` unless there is already an entry with that key.
  """
  def put_new(keywords, key, value) when is_list(keywords) and is_atom(key) do
    if has_key?(keywords, key), do: keywords, else: [{key, value} | keywords]
  end

  @doc """
  Like `put_new/3`, calling `fun` for the value only when it is needed.
  """
  def put_new_lazy(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 0) do
    if has_key?(keywords, key), do: keywords, else: [{key, fun.()} | keywords]
  end

  @doc """
  Merges two keyword lists: the entries of `keywords2` replace those with the same keys in `keywords1`.

      iex> Keyword.merge([a: 1, b: 2], [b: 3])
      [a: 1, b: 3]
  """
  def merge(k1, k2) when is_list(k1) and is_list(k2) do
    if keyword?(k2) do
      fun = fn
        {key, _value} when is_atom(key) -> not has_key?(k2, key)
        _ -> raise ArgumentError, "expected a keyword list as the first argument, got: " <> inspect(k1)
      end

      :lists.filter(fun, k1) ++ k2
    else
      raise ArgumentError, "expected a keyword list as the second argument, got: " <> inspect(k2)
    end
  end

  @doc """
  Merges two keyword lists, calling `fun` with the key and both values on a conflict.
  """
  def merge(k1, k2, fun) when is_list(k1) and is_list(k2) and is_function(fun, 3) do
    if keyword?(k1) do
      do_merge(k2, [], k1, k1, fun, k2)
    else
      raise ArgumentError, "expected a keyword list as the first argument, got: " <> inspect(k1)
    end
  end

  defp do_merge([{key, value2} | tail], acc, rest, original, fun, k2) when is_atom(key) do
    case :lists.keyfind(key, 1, original) do
      {^key, value1} ->
        acc = [{key, fun.(key, value1, value2)} | acc]
        original = :lists.keydelete(key, 1, original)
        do_merge(tail, acc, delete(rest, key), original, fun, k2)

      false ->
        do_merge(tail, [{key, value2} | acc], rest, original, fun, k2)
    end
  end

  defp do_merge([], acc, rest, _original, _fun, _k2), do: rest ++ :lists.reverse(acc)

  defp do_merge(_other, _acc, _rest, _original, _fun, k2) do
    raise ArgumentError, "expected a keyword list as the second argument, got: " <> inspect(k2)
  end

  defp replace_first([{k, _} | t], k, v), do: [{k, v} | delete(t, k)]
  defp replace_first([h | t], k, v), do: [h | replace_first(t, k, v)]

  @doc """
  Updates `key` with `fun` applied to its value, or puts `default` when it is absent.

      iex> Keyword.update([a: 1], :a, 0, &(&1 + 1))
      [a: 2]
  """
  def update(keywords, key, default, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 1) do
    case fetch(keywords, key) do
      {:ok, v} -> replace_first(keywords, key, fun.(v))
      :error -> keywords ++ [{key, default}]
    end
  end

  @doc """
  Updates `key` with `fun` applied to its value; raises `KeyError` when it is absent.
  """
  def update!(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 1) do
    case fetch(keywords, key) do
      {:ok, v} -> replace_first(keywords, key, fun.(v))
      :error -> raise KeyError, key: key, term: keywords
    end
  end

  @doc """
  Replaces the value of `key` only if there is an entry with it (removing duplicates).
  """
  def replace(keywords, key, value) when is_list(keywords) and is_atom(key) do
    case fetch(keywords, key) do
      {:ok, _} -> replace_first(keywords, key, value)
      :error -> keywords
    end
  end

  @doc """
  Replaces the value of `key` with `fun` applied to it, if there is an entry with it.
  """
  def replace_lazy(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 1) do
    case fetch(keywords, key) do
      {:ok, v} -> replace_first(keywords, key, fun.(v))
      :error -> keywords
    end
  end

  @doc """
  Replaces the value of `key`; raises `KeyError` when there is no entry with it.
  """
  def replace!(keywords, key, value) when is_list(keywords) and is_atom(key) do
    case fetch(keywords, key) do
      {:ok, _} -> replace_first(keywords, key, value)
      :error -> raise KeyError, key: key, term: keywords
    end
  end

  @doc """
  Keeps only the entries of the given `keys`.
  """
  def take(keywords, keys), do: for({k, _} = kv <- keywords, :lists.member(k, keys), do: kv)
  @doc """
  Deletes the entries of the given `keys`.
  """
  def drop(keywords, keys), do: for({k, _} = kv <- keywords, not :lists.member(k, keys), do: kv)

  @doc """
  Returns `{taken, rest}`: the entries of `keys`, and the other entries.
  """
  def split(keywords, keys) do
    Enum.split_with(keywords, fn {k, _} -> :lists.member(k, keys) end)
  end

  @doc """
  Like `pop/3`, calling `fun` for the default only when `key` is absent.
  """
  def pop_lazy(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 0) do
    case fetch(keywords, key) do
      {:ok, v} -> {v, delete(keywords, key)}
      :error -> {fun.(), keywords}
    end
  end

  @doc """
  Calls `fun` with the value of `key` (or `nil`); `fun` returns `{current, new}` to update it or `:pop` to delete it. Returns `{current, new_keywords}`.
  """
  def get_and_update(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 1),
    do: get_and_update(keywords, [], key, fun)

  defp get_and_update([{key, current} | t], acc, key, fun) do
    case fun.(current) do
      {get, value} -> {get, :lists.reverse(acc, [{key, value} | delete(t, key)])}
      :pop -> {current, :lists.reverse(acc, t)}
      other -> raise "the given function must return a two-element tuple or :pop, got: #{inspect(other)}"
    end
  end

  defp get_and_update([{_, _} = h | t], acc, key, fun), do: get_and_update(t, [h | acc], key, fun)

  defp get_and_update([], acc, key, fun) do
    case fun.(nil) do
      {get, update} -> {get, [{key, update} | :lists.reverse(acc)]}
      :pop -> {nil, :lists.reverse(acc)}
      other -> raise "the given function must return a two-element tuple or :pop, got: #{inspect(other)}"
    end
  end

  @doc """
  Like `get_and_update/3`, raising `KeyError` when `key` is absent.
  """
  def get_and_update!(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 1),
    do: get_and_update!(keywords, key, fun, [])

  defp get_and_update!([{key, value} | keywords], key, fun, acc) do
    case fun.(value) do
      {get, value} -> {get, :lists.reverse(acc, [{key, value} | delete(keywords, key)])}
      :pop -> {value, :lists.reverse(acc, keywords)}
      other -> raise "the given function must return a two-element tuple or :pop, got: #{inspect(other)}"
    end
  end

  defp get_and_update!([{_, _} = e | keywords], key, fun, acc), do: get_and_update!(keywords, key, fun, [e | acc])

  defp get_and_update!([], key, _fun, acc) do
    raise KeyError, key: key, term: :lists.reverse(acc)
  end

  @doc """
  Builds a keyword list with each of `keys` set to `value`.
  """
  def from_keys(keys, value) when is_list(keys), do: for(key <- keys, do: {key, value})

  @doc """
  Checks that `keyword` has only the keys listed in `values` (atoms, or `{key, default}` to fill a default): `{:ok, keyword}` or `{:error, unknown_keys}`.
  """
  def validate(keyword, values) when is_list(keyword) and is_list(values) do
    allowed = Enum.map(values, fn {k, _} -> k; k -> k end)

    {acc, bad} =
      Enum.reduce(keyword, {[], []}, fn
        {k, _} = pair, {acc, bad} when is_atom(k) ->
          if k in allowed, do: {[pair | acc], bad}, else: {acc, [k | bad]}

        other, _ ->
          raise ArgumentError, "expected a keyword list as first argument, got invalid entry: #{inspect(other)}"
      end)

    case bad do
      [] ->
        given = for {k, _} <- acc, do: k
        {:ok, Enum.reduce(values, acc, fn
          {k, _} = pair, acc -> if k in given, do: acc, else: [pair | acc]
          _, acc -> acc
        end)}

      _ ->
        {:error, bad}
    end
  end

  @doc """
  Like `validate/2`, raising `ArgumentError` on unknown keys.
  """
  def validate!(keyword, values) do
    case validate(keyword, values) do
      {:ok, kw} ->
        kw

      {:error, invalid_keys} ->
        keys = for value <- values, do: (case value do
          {k, _} -> k
          k -> k
        end)

        raise ArgumentError,
              "unknown keys #{inspect(invalid_keys)} in #{inspect(keyword)}, the allowed keys are: #{inspect(keys)}"
    end
  end

  @doc """
  Removes every entry with `key`: returns `{first_value, rest}`, or `{default, keywords}` when absent.
  """
  def pop(keywords, key, default \\ nil) when is_list(keywords) and is_atom(key) do
    case fetch(keywords, key) do
      {:ok, v} -> {v, delete(keywords, key)}
      :error -> {default, keywords}
    end
  end

  @doc """
  Like `pop/3`, raising `KeyError` when `key` is absent.
  """
  def pop!(keywords, key) when is_list(keywords) and is_atom(key) do
    case fetch(keywords, key) do
      {:ok, v} -> {v, delete(keywords, key)}
      :error -> raise KeyError, key: key, term: keywords
    end
  end

  @doc """
  Removes only the first entry with `key`: returns `{value, rest}`.
  """
  def pop_first(keywords, key, default \\ nil) do
    case :lists.keytake(key, 1, keywords) do
      {:value, {_, v}, rest} -> {v, rest}
      false -> {default, keywords}
    end
  end

  @doc """
  Removes every entry with `key`: returns `{values, rest}`.
  """
  def pop_values(keywords, key), do: {get_values(keywords, key), delete(keywords, key)}

  @doc """
  Returns the keyword list itself.
  """
  def to_list(keywords), do: keywords

  @doc """
  Returns `true` if the term is a list of `{atom, value}` tuples.
  """
  def keyword?([{k, _} | t]) when is_atom(k), do: keyword?(t)
  def keyword?([]), do: true
  def keyword?(_), do: false

  @doc """
  Keeps the entries for which `fun` (given `{key, value}`) returns a truthy value.
  """
  def filter(keywords, fun), do: Enum.filter(keywords, fun)
  @doc """
  Drops the entries for which `fun` (given `{key, value}`) returns a truthy value.
  """
  def reject(keywords, fun), do: Enum.reject(keywords, fun)
  def map(keywords, fun), do: Enum.map(keywords, fn {k, _} = kv -> {k, fun.(kv)} end)

  @doc """
  Returns `true` if the two keyword lists hold the same entries, in any order.
  """
  def equal?(k1, k2), do: Enum.sort(k1) == Enum.sort(k2)
end
