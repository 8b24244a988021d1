defmodule MapSet do
  @moduledoc "Sets as `%MapSet{map: %{element => []}}` (Elixir's layout)."

  defstruct map: %{}

  def new, do: %MapSet{map: %{}}
  def new(%{__struct__: MapSet} = set), do: set
  def new(enumerable), do: %MapSet{map: :maps.from_keys(Enum.to_list(enumerable), [])}
  def new(enumerable, fun), do: %MapSet{map: :maps.from_keys(Enum.map(enumerable, fun), [])}

  def put(%{__struct__: MapSet, map: _} = set, x), do: :retort_mapset.put(set, x)
  def delete(%{__struct__: MapSet, map: map} = set, x), do: %{set | map: Map.delete(map, x)}
  def member?(%{__struct__: MapSet, map: map}, x), do: is_map_key(map, x)
  def size(%{__struct__: MapSet, map: map}), do: map_size(map)
  def to_list(%{__struct__: MapSet, map: map}), do: :maps.keys(map)

  def union(%{__struct__: MapSet, map: m1}, %{__struct__: MapSet, map: m2}), do: %MapSet{map: Map.merge(m1, m2)}

  def intersection(%{__struct__: MapSet, map: m1}, %{__struct__: MapSet, map: m2}) do
    {small, big} = if map_size(m1) <= map_size(m2), do: {m1, m2}, else: {m2, m1}
    %MapSet{map: Map.take(big, :maps.keys(small)) |> Map.take(:maps.keys(small))}
  end

  def difference(%{__struct__: MapSet, map: m1}, %{__struct__: MapSet, map: m2}) do
    %MapSet{map: Map.drop(m1, :maps.keys(m2))}
  end

  def symmetric_difference(s1, s2), do: union(difference(s1, s2), difference(s2, s1))

  def subset?(%{__struct__: MapSet, map: m1}, %{__struct__: MapSet, map: m2}) do
    map_size(m1) <= map_size(m2) and Enum.all?(:maps.keys(m1), fn x -> is_map_key(m2, x) end)
  end

  def disjoint?(%{__struct__: MapSet, map: m1}, %{__struct__: MapSet, map: m2}) do
    not Enum.any?(:maps.keys(m1), fn x -> is_map_key(m2, x) end)
  end

  def equal?(%{__struct__: MapSet, map: m1}, %{__struct__: MapSet, map: m2}), do: m1 === m2

  def filter(%{__struct__: MapSet} = set, fun), do: new(Enum.filter(to_list(set), fun))
  def reject(%{__struct__: MapSet} = set, fun), do: new(Enum.reject(to_list(set), fun))
  def map(%{__struct__: MapSet} = set, fun), do: new(Enum.map(to_list(set), fun))
end
