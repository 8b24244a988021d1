defmodule :maps do
  @moduledoc """
  The parts of Erlang's `maps` (OTP 25) that take a fun, and the iterators; the rest is native
  (`vm/src/bif/maps.rs`). An iterator is `{:maps_iterator, pairs}` (OTP's is opaque), walked
  in the map's order.
  """

  def filter(pred, map) when is_function(pred, 2) and is_map(map) do
    :maps.from_list(for {k, v} <- :maps.to_list(map), pred.(k, v), do: {k, v})
  end

  def filter(pred, map), do: :erlang.error({:badmap, map}, [pred, map])

  def filtermap(fun, map) when is_function(fun, 2) and is_map(map) do
    :maps.from_list(
      Enum.flat_map(:maps.to_list(map), fn {k, v} ->
        case fun.(k, v) do
          true -> [{k, v}]
          {true, v2} -> [{k, v2}]
          false -> []
        end
      end)
    )
  end

  def filtermap(fun, map), do: :erlang.error({:badmap, map}, [fun, map])

  def fold(fun, acc, map) when is_function(fun, 3) and is_map(map) do
    :lists.foldl(fn {k, v}, a -> fun.(k, v, a) end, acc, :maps.to_list(map))
  end

  def fold(fun, acc, map), do: :erlang.error({:badmap, map}, [fun, acc, map])

  def foreach(fun, map) when is_function(fun, 2) and is_map(map) do
    :lists.foreach(fn {k, v} -> fun.(k, v) end, :maps.to_list(map))
  end

  def foreach(fun, map), do: :erlang.error({:badmap, map}, [fun, map])

  def map(fun, map) when is_function(fun, 2) and is_map(map) do
    :maps.from_list(for {k, v} <- :maps.to_list(map), do: {k, fun.(k, v)})
  end

  def map(fun, map), do: :erlang.error({:badmap, map}, [fun, map])

  def groups_from_list(key_fun, list) when is_function(key_fun, 1) and is_list(list) do
    groups_from_list(key_fun, fn x -> x end, list)
  end

  def groups_from_list(key_fun, value_fun, list) when is_function(key_fun, 1) and is_function(value_fun, 1) and is_list(list) do
    list
    |> :lists.reverse()
    |> Enum.reduce(%{}, fn x, acc ->
      k = key_fun.(x)
      v = value_fun.(x)

      case acc do
        %{^k => vs} -> %{acc | k => [v | vs]}
        _ -> Map.put(acc, k, [v])
      end
    end)
  end

  def intersect(map1, map2) when is_map(map1) and is_map(map2) do
    intersect_with(fn _k, _v1, v2 -> v2 end, map1, map2)
  end

  def intersect(map1, map2), do: :erlang.error({:badmap, if(is_map(map1), do: map2, else: map1)}, [map1, map2])

  def intersect_with(combiner, map1, map2) when is_function(combiner, 3) and is_map(map1) and is_map(map2) do
    :maps.from_list(
      for {k, v1} <- :maps.to_list(map1), :maps.is_key(k, map2), do: {k, combiner.(k, v1, :maps.get(k, map2))}
    )
  end

  def merge_with(combiner, map1, map2) when is_function(combiner, 3) and is_map(map1) and is_map(map2) do
    :lists.foldl(
      fn {k, v2}, acc ->
        case acc do
          %{^k => v1} -> %{acc | k => combiner.(k, v1, v2)}
          _ -> Map.put(acc, k, v2)
        end
      end,
      map1,
      :maps.to_list(map2)
    )
  end

  def update_with(key, fun, map) when is_function(fun, 1) and is_map(map) do
    case map do
      %{^key => v} -> %{map | key => fun.(v)}
      _ -> :erlang.error({:badkey, key}, [key, fun, map])
    end
  end

  def update_with(key, fun, init, map) when is_function(fun, 1) and is_map(map) do
    case map do
      %{^key => v} -> %{map | key => fun.(v)}
      _ -> Map.put(map, key, init)
    end
  end

  def iterator(map) when is_map(map), do: {:maps_iterator, :maps.to_list(map)}
  def iterator(map), do: :erlang.error({:badmap, map}, [map])

  def next({:maps_iterator, [{k, v} | rest]}), do: {k, v, {:maps_iterator, rest}}
  def next({:maps_iterator, []}), do: :none
  def next(:none), do: :none
  def next(iter), do: :erlang.error(:badarg, [iter])
end
