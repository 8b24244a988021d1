ExUnit.start()

defmodule EnumTest do
  use ExUnit.Case, async: true

  test "map, filter, reject, reduce" do
    assert Enum.map([1, 2, 3], &(&1 * 2)) == [2, 4, 6]
    assert Enum.filter(1..6, &(rem(&1, 2) == 0)) == [2, 4, 6]
    assert Enum.reject([1, 2, 3, 4], &(&1 > 2)) == [1, 2]
    assert Enum.reduce([1, 2, 3], &+/2) == 6
    assert Enum.reduce([1, 2, 3], 10, fn x, acc -> acc - x end) == 4
    assert Enum.map(%{a: 1}, fn {k, v} -> {v, k} end) == [{1, :a}]
  end

  test "reduce_while, scan, each" do
    assert Enum.reduce_while(1..10, 0, fn x, acc -> if x > 3, do: {:halt, acc}, else: {:cont, acc + x} end) == 6
    assert Enum.scan([1, 2, 3], &+/2) == [1, 3, 6]
    assert Enum.each([1, 2], fn x -> send(self(), x) end) == :ok
    assert_received 1
    assert_received 2
  end

  test "aggregates" do
    assert Enum.sum([1, 2, 3]) == 6
    assert Enum.product([2, 3, 4]) == 24
    assert Enum.count([1, 2, 3]) == 3
    assert Enum.count([1, 2, 3], &(&1 > 1)) == 2
    assert Enum.min([3, 1, 2]) == 1
    assert Enum.max([3, 1, 2]) == 3
    assert Enum.min_by(["aaa", "b", "cc"], &String.length/1) == "b"
    assert Enum.max_by(["aaa", "b", "cc"], &String.length/1) == "aaa"
    assert Enum.frequencies([:a, :b, :a]) == %{a: 2, b: 1}
    assert Enum.empty?([])
    refute Enum.empty?([1])
  end

  test "sorting" do
    assert Enum.sort([3, 1, 2]) == [1, 2, 3]
    assert Enum.sort([3, 1, 2], :desc) == [3, 2, 1]
    assert Enum.sort_by(["bb", "a", "ccc"], &String.length/1) == ["a", "bb", "ccc"]
    assert Enum.sort_by([{1, :b}, {0, :a}], &elem(&1, 0), :desc) == [{1, :b}, {0, :a}]
    assert Enum.reverse([1, 2, 3]) == [3, 2, 1]
    assert Enum.uniq([1, 2, 1, 3]) == [1, 2, 3]
    assert Enum.uniq_by([1, 2, 3, 4], &rem(&1, 2)) == [1, 2]
    assert Enum.dedup([1, 1, 2, 1]) == [1, 2, 1]
  end

  test "slicing" do
    assert Enum.take([1, 2, 3], 2) == [1, 2]
    assert Enum.take([1, 2, 3], -1) == [3]
    assert Enum.drop([1, 2, 3], 1) == [2, 3]
    assert Enum.take_while([1, 2, 3, 1], &(&1 < 3)) == [1, 2]
    assert Enum.drop_while([1, 2, 3, 1], &(&1 < 3)) == [3, 1]
    assert Enum.split([1, 2, 3], 1) == {[1], [2, 3]}
    assert Enum.slice([1, 2, 3, 4], 1, 2) == [2, 3]
    assert Enum.slice(1..10, 2..4) == [3, 4, 5]
    assert Enum.chunk_every([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert Enum.chunk_by([1, 1, 2, 3, 3], & &1) == [[1, 1], [2], [3, 3]]
  end

  test "access" do
    assert Enum.at([1, 2, 3], 1) == 2
    assert Enum.at([1, 2, 3], 5) == nil
    assert Enum.at([1, 2, 3], 5, :none) == :none
    assert Enum.fetch([1, 2], 0) == {:ok, 1}
    assert Enum.fetch([1, 2], 2) == :error
    assert Enum.find([1, 2, 3], &(&1 > 1)) == 2
    assert Enum.find_index([1, 2, 3], &(&1 == 3)) == 2
    assert Enum.find_value([1, 2, 3], fn x -> if x > 1, do: x * 10 end) == 20
    assert Enum.member?(1..3, 2)
    assert Enum.any?([1, 2], &(&1 > 1))
    assert Enum.all?([1, 2], &(&1 > 0))
    refute Enum.all?([1, -2], &(&1 > 0))
  end

  test "combining" do
    assert Enum.zip([1, 2], [:a, :b]) == [{1, :a}, {2, :b}]
    assert Enum.unzip([{1, :a}, {2, :b}]) == {[1, 2], [:a, :b]}
    assert Enum.zip_with([1, 2], [3, 4], &+/2) == [4, 6]
    assert Enum.with_index([:a, :b]) == [{:a, 0}, {:b, 1}]
    assert Enum.concat([[1], [2, 3]]) == [1, 2, 3]
    assert Enum.flat_map([1, 2], &[&1, &1]) == [1, 1, 2, 2]
    assert Enum.intersperse([1, 2, 3], 0) == [1, 0, 2, 0, 3]
    assert Enum.join(["a", "b"], ", ") == "a, b"
    assert Enum.map_join([1, 2], "-", &(&1 * 2)) == "2-4"
    assert Enum.group_by(["a", "bb", "c"], &String.length/1) == %{1 => ["a", "c"], 2 => ["bb"]}
    assert Enum.into([a: 1], %{}) == %{a: 1}
    assert Enum.to_list(1..3) == [1, 2, 3]
  end

  test "errors" do
    assert_raise Enum.OutOfBoundsError, fn -> Enum.fetch!([1], 3) end
    assert_raise Enum.EmptyError, fn -> Enum.max([]) end
  end
end
