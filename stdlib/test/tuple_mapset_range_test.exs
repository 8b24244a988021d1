ExUnit.start()

defmodule TupleMapSetRangeTest do
  use ExUnit.Case, async: true

  test "Tuple" do
    assert Tuple.to_list({1, 2}) == [1, 2]
    assert Tuple.append({1}, 2) == {1, 2}
    assert Tuple.insert_at({1, 3}, 1, 2) == {1, 2, 3}
    assert Tuple.delete_at({1, 2, 3}, 0) == {2, 3}
    assert Tuple.duplicate(0, 2) == {0, 0}
  end

  test "MapSet" do
    s = MapSet.new([1, 2, 2, 3])
    assert MapSet.size(s) == 3
    assert MapSet.member?(s, 2)
    refute MapSet.member?(s, 5)
    assert MapSet.to_list(MapSet.put(s, 4)) == [1, 2, 3, 4]
    assert MapSet.to_list(MapSet.delete(s, 1)) == [2, 3]
    assert MapSet.union(MapSet.new([1]), MapSet.new([2])) == MapSet.new([1, 2])
    assert MapSet.intersection(s, MapSet.new([2, 3, 4])) == MapSet.new([2, 3])
    assert MapSet.difference(s, MapSet.new([1])) == MapSet.new([2, 3])
    assert MapSet.subset?(MapSet.new([1]), s)
  end

  test "Range" do
    assert Enum.to_list(1..5//2) == [1, 3, 5]
    assert Enum.to_list(3..1//-1) == [3, 2, 1]
    assert Range.size(1..10) == 10
    assert 5 in 1..10
    refute 11 in 1..10
    assert Enum.sum(1..100) == 5050
  end

  test "Float" do
    assert Float.round(3.14159, 2) == 3.14
    assert Float.floor(2.7) == 2.0
    assert Float.ceil(2.1) == 3.0
    assert Float.parse("1.5x") == {1.5, "x"}
    assert Float.to_string(0.1) == "0.1"
    assert_in_delta 0.1 + 0.2, 0.3, 1.0e-9
  end
end
