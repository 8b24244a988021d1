defmodule R2 do
  def describe(first..last//step = r) do
    "#{first} to #{last} by #{step}: #{Enum.count(r)} items"
  end
end

IO.puts(R2.describe(1..10))
IO.puts(R2.describe(1..10//3))
IO.puts(R2.describe(10..1//-2))
IO.puts(R2.describe(1..0//1))
IO.inspect(1..10 |> Enum.filter(&(rem(&1, 3) == 0)))
IO.inspect(Enum.reduce(1..10//2, [], &[&1 | &2]))
IO.inspect(Enum.at(1..10//3, 2))
IO.inspect(Enum.at(1..10//3, 10))
IO.inspect(Enum.take(100..1//-25, 10))
IO.inspect(Enum.drop(1..6, 2))
IO.inspect(Enum.split(1..6, 4))
IO.inspect(Enum.join(1..5, ","))
IO.inspect(Enum.into(1..3, []))
IO.inspect(Enum.into(1..3, MapSet.new()))
IO.inspect(Range.disjoint?(1..5, 6..10))
IO.inspect(Range.disjoint?(1..5, 5..10))
IO.inspect(inspect(1..3, structs: false))
IO.inspect(1..3 == 1..3//1)
IO.inspect(Enum.max(3..-3//-1))
IO.inspect(Enum.sum(-10..10//5))
IO.inspect(-1..-5//-1 |> Enum.to_list())
IO.inspect(Enum.random(7..7))
IO.inspect(Stream.map(1..3, &(&1 * 2)) |> Enum.to_list())
IO.inspect(Enum.flat_map(1..3, &[&1, -&1]))
IO.inspect(Enum.map(0..2, &Enum.at([:a, :b, :c], &1)))
