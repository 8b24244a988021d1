defmodule Keyword do
  @moduledoc "Keyword lists: lists of `{atom, value}` pairs, duplicates allowed, first wins."

  def new, do: []
  def new(pairs), do: :lists.reverse(Enum.reduce(Enum.to_list(pairs), [], fn {k, v}, acc -> put(acc, k, v) end))

  def new(pairs, fun) do
    Enum.reduce(Enum.to_list(pairs), [], fn x, acc ->
      {k, v} = fun.(x)
      put(acc, k, v)
    end)
    |> :lists.reverse()
  end

  def get(keywords, key, default \\ nil) do
    case :lists.keyfind(key, 1, keywords) do
      {_, v} -> v
      false -> default
    end
  end

  def get_lazy(keywords, key, fun) do
    case :lists.keyfind(key, 1, keywords) do
      {_, v} -> v
      false -> fun.()
    end
  end

  def get_values(keywords, key), do: for({^key, v} <- keywords, do: v)

  def fetch(keywords, key) do
    case :lists.keyfind(key, 1, keywords) do
      {_, v} -> {:ok, v}
      false -> :error
    end
  end

  def fetch!(keywords, key) do
    case :lists.keyfind(key, 1, keywords) do
      {_, v} -> v
      false -> raise KeyError, key: key, term: keywords
    end
  end

  def has_key?(keywords, key), do: :lists.keymember(key, 1, keywords)

  def keys(keywords), do: for({k, _} <- keywords, do: k)
  def values(keywords), do: for({_, v} <- keywords, do: v)

  def delete(keywords, key), do: for({k, _} = kv <- keywords, k != key, do: kv)
  def delete_first(keywords, key), do: :lists.keydelete(key, 1, keywords)

  def put(keywords, key, value), do: [{key, value} | delete(keywords, key)]

  def put_new(keywords, key, value) do
    if has_key?(keywords, key), do: keywords, else: [{key, value} | keywords]
  end

  def put_new_lazy(keywords, key, fun) do
    if has_key?(keywords, key), do: keywords, else: [{key, fun.()} | keywords]
  end

  def merge(k1, k2) do
    keys2 = keys(k2)
    for({k, _} = kv <- k1, not :lists.member(k, keys2), do: kv) ++ k2
  end

  def merge(k1, k2, fun) do
    Enum.reduce(k2, k1, fn {k, v2}, acc ->
      case fetch(acc, k) do
        {:ok, v1} -> replace_first(acc, k, fun.(k, v1, v2))
        :error -> acc ++ [{k, v2}]
      end
    end)
  end

  defp replace_first([{k, _} | t], k, v), do: [{k, v} | delete(t, k)]
  defp replace_first([h | t], k, v), do: [h | replace_first(t, k, v)]

  def update(keywords, key, default, fun) do
    case fetch(keywords, key) do
      {:ok, v} -> replace_first(keywords, key, fun.(v))
      :error -> keywords ++ [{key, default}]
    end
  end

  def update!(keywords, key, fun) do
    case fetch(keywords, key) do
      {:ok, v} -> replace_first(keywords, key, fun.(v))
      :error -> raise KeyError, key: key, term: keywords
    end
  end

  def replace!(keywords, key, value) do
    case fetch(keywords, key) do
      {:ok, _} -> replace_first(keywords, key, value)
      :error -> raise KeyError, key: key, term: keywords
    end
  end

  def take(keywords, keys), do: for({k, _} = kv <- keywords, :lists.member(k, keys), do: kv)
  def drop(keywords, keys), do: for({k, _} = kv <- keywords, not :lists.member(k, keys), do: kv)

  def split(keywords, keys) do
    Enum.split_with(keywords, fn {k, _} -> :lists.member(k, keys) end)
  end

  def pop(keywords, key, default \\ nil) do
    case fetch(keywords, key) do
      {:ok, v} -> {v, delete(keywords, key)}
      :error -> {default, keywords}
    end
  end

  def pop!(keywords, key) do
    case fetch(keywords, key) do
      {:ok, v} -> {v, delete(keywords, key)}
      :error -> raise KeyError, key: key, term: keywords
    end
  end

  def pop_first(keywords, key, default \\ nil) do
    case :lists.keytake(key, 1, keywords) do
      {:value, {_, v}, rest} -> {v, rest}
      false -> {default, keywords}
    end
  end

  def pop_values(keywords, key), do: {get_values(keywords, key), delete(keywords, key)}

  def to_list(keywords), do: keywords

  def keyword?([{k, _} | t]) when is_atom(k), do: keyword?(t)
  def keyword?([]), do: true
  def keyword?(_), do: false

  def filter(keywords, fun), do: Enum.filter(keywords, fun)
  def reject(keywords, fun), do: Enum.reject(keywords, fun)
  def map(keywords, fun), do: Enum.map(keywords, fn {k, _} = kv -> {k, fun.(kv)} end)

  def equal?(k1, k2), do: Enum.sort(k1) == Enum.sort(k2)
end
