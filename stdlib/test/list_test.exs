ExUnit.start()

defmodule ListTest do
  use ExUnit.Case, async: true

  test "basic functions" do
    assert List.first([1, 2]) == 1
    assert List.first([]) == nil
    assert List.last([1, 2]) == 2
    assert List.flatten([1, [2, [3]]]) == [1, 2, 3]
    assert List.wrap(nil) == []
    assert List.wrap(1) == [1]
    assert List.wrap([1]) == [1]
    assert List.duplicate(:x, 3) == [:x, :x, :x]
    assert List.delete([1, 2, 1], 1) == [2, 1]
    assert List.insert_at([1, 2], 1, :x) == [1, :x, 2]
    assert List.replace_at([1, 2], 0, :x) == [:x, 2]
    assert List.update_at([1, 2], 1, &(&1 * 10)) == [1, 20]
    assert List.delete_at([1, 2, 3], 1) == [1, 3]
  end

  test "tuples in lists and conversions" do
    assert List.keyfind([a: 1, b: 2], :b, 0) == {:b, 2}
    assert List.keyfind([a: 1], :z, 0) == nil
    assert List.keydelete([a: 1, b: 2], :a, 0) == [b: 2]
    assert List.keystore([a: 1], :b, 0, {:b, 2}) == [a: 1, b: 2]
    assert List.zip([[1, 2], [:a, :b]]) == [{1, :a}, {2, :b}]
    assert List.to_tuple([1, 2]) == {1, 2}
    assert List.to_string([?a, ?b]) == "ab"
    assert List.to_integer('42') == 42
    assert List.foldl([1, 2, 3], 0, &(&1 + &2)) == 6
    assert List.foldr([1, 2, 3], [], &[&1 | &2]) == [1, 2, 3]
  end

  test "operators" do
    assert [1, 2] ++ [3] == [1, 2, 3]
    assert [1, 2, 3, 2] -- [2] == [1, 3, 2]
    assert hd([1, 2]) == 1
    assert tl([1, 2]) == [2]
    assert length([1, 2, 3]) == 3
    assert 2 in [1, 2]
    assert_raise ArgumentError, fn -> hd([]) end
  end
end
