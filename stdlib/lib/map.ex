defmodule Map do
  @moduledoc """
  Functions on maps, key-value stores where any term can be a key.

      iex> Map.get(%{a: 1}, :a)
      1
  """
  # Leaf operations (`get/2,3`, `put/3`, `fetch!/2`, `merge/2`, `take/2` ...) are natives; the
  # ones that take a fun or an enumerable are written here.

  def new(%{__struct__: _} = struct), do: Map.from_struct(struct) |> new_from_struct_fix(struct)
  def new(map) when is_map(map), do: map
  def new(list) when is_list(list), do: :maps.from_list(list)
  def new(enumerable), do: :maps.from_list(Enum.to_list(enumerable))

  defp new_from_struct_fix(_map, struct), do: :maps.from_list(Enum.to_list(struct))

  def new(enumerable, fun) do
    Enum.reduce(enumerable, %{}, fn x, acc ->
      {k, v} = fun.(x)
      Map.put(acc, k, v)
    end)
  end

  def from_keys(keys, value), do: :maps.from_keys(keys, value)

  def update(map, key, default, fun) do
    case map do
      %{^key => v} -> Map.put(map, key, fun.(v))
      %{} -> Map.put(map, key, default)
      other -> :erlang.error({:badmap, other})
    end
  end

  def update!(map, key, fun) do
    case map do
      %{^key => v} -> Map.put(map, key, fun.(v))
      %{} -> :erlang.error({:badkey, key, map})
      other -> :erlang.error({:badmap, other})
    end
  end

  def get_lazy(map, key, fun) do
    case map do
      %{^key => v} -> v
      %{} -> fun.()
      other -> :erlang.error({:badmap, other})
    end
  end

  def put_new_lazy(map, key, fun) do
    case map do
      %{^key => _} -> map
      %{} -> Map.put(map, key, fun.())
      other -> :erlang.error({:badmap, other})
    end
  end

  def replace_lazy(map, key, fun) when is_map(map) and is_function(fun, 1) do
    case map do
      %{^key => value} -> %{map | key => fun.(value)}
      %{} -> map
    end
  end

  def pop_lazy(map, key, fun) do
    case map do
      %{^key => v} -> {v, Map.delete(map, key)}
      %{} -> {fun.(), map}
      other -> :erlang.error({:badmap, other})
    end
  end

  def get_and_update(map, key, fun) do
    current = Map.get(map, key)

    case fun.(current) do
      {get, update} -> {get, Map.put(map, key, update)}
      :pop -> {current, Map.delete(map, key)}
      other -> raise "the given function must return a two-element tuple or :pop, got: #{inspect(other)}"
    end
  end

  def get_and_update!(map, key, fun) do
    case map do
      %{^key => current} ->
        case fun.(current) do
          {get, update} -> {get, Map.put(map, key, update)}
          :pop -> {current, Map.delete(map, key)}
          other -> raise "the given function must return a two-element tuple or :pop, got: #{inspect(other)}"
        end

      %{} ->
        :erlang.error({:badkey, key, map})

      other ->
        :erlang.error({:badmap, other})
    end
  end

  def merge(map1, map2, fun) do
    Enum.reduce(:maps.to_list(map2), map1, fn {k, v2}, acc ->
      case acc do
        %{^k => v1} -> Map.put(acc, k, fun.(k, v1, v2))
        %{} -> Map.put(acc, k, v2)
      end
    end)
  end

  def filter(map, fun), do: :maps.from_list(Enum.filter(:maps.to_list(map), fun))
  def reject(map, fun), do: :maps.from_list(Enum.reject(:maps.to_list(map), fun))

  def map(map, fun) do
    :maps.from_list(Enum.map(:maps.to_list(map), fn {k, _} = kv -> {k, fun.(kv)} end))
  end

  def split_with(map, fun) do
    {a, b} = Enum.split_with(:maps.to_list(map), fun)
    {:maps.from_list(a), :maps.from_list(b)}
  end

  def intersect(map1, map2), do: Map.take(map2, Map.keys(map1))

  def intersect(map1, map2, fun) do
    Enum.reduce(:maps.to_list(map1), %{}, fn {k, v1}, acc ->
      case map2 do
        %{^k => v2} -> Map.put(acc, k, fun.(k, v1, v2))
        %{} -> acc
      end
    end)
  end
end
