# Map comparison and sorting whatever the internal layout (flatmap or hashmap): maps compare
# by size, then keys in term order, then values.
defmodule MapOrderCompare do
  def main do
    a = Map.new(1..40, &{&1, &1})
    b = Map.new(40..1, &{&1, &1})
    IO.inspect(a == b)
    IO.inspect(a === b)
    IO.inspect(Map.put(a, 5, 5.0) == a)
    IO.inspect(Map.put(a, 5, 5.0) === a)
    IO.inspect(Map.put(a, 5, 6) > a)
    IO.inspect(Map.put(a, 41, 0) > a)
    IO.inspect(Map.delete(a, 40) < a)
    IO.inspect(Map.new(1..33, &{&1 * 1.0, 0}) > Map.new(1..33, &{&1, 0}))
    IO.inspect(Map.new(2..34, &{&1, 0}) > Map.new(1..33, &{&1, 0}))
    maps = [
      Map.new(1..35, &{&1, 1}),
      Map.new(1..35, &{&1, 0}),
      Map.new(1..34, &{&1, 9}),
      %{a: 1},
      %{},
      Map.new(1..33, &{"k#{&1}", 1}),
      Map.new(1..33, &{&1 * 1.0, 1}),
      Map.new(1..33, &{&1, 1}),
      %{1 => 2, 3 => 4}
    ]
    IO.inspect(Enum.sort(maps) |> Enum.map(&{map_size(&1), Enum.take(Enum.sort(Map.to_list(&1)), 2)}), limit: :infinity)
    IO.inspect(Enum.sort(maps, :desc) |> Enum.map(&map_size/1))
    IO.inspect(Enum.uniq([a, b, Map.put(a, 1, 1)]) |> length)
    # maps as keys of maps
    k = %{Map.new(1..40, &{&1, &1}) => :big, %{1 => 1} => :small}
    IO.inspect(Map.get(k, Map.new(40..1, &{&1, &1})))
    IO.inspect(Map.get(k, %{1 => 1}))
    IO.inspect(Map.get(k, %{1 => 1.0}))
    IO.inspect(MapSet.new([a, b, Map.delete(a, 1)]) |> MapSet.size())
  end
end

MapOrderCompare.main()
