ExUnit.start()

defmodule KeywordTest do
  use ExUnit.Case, async: true

  test "get and fetch" do
    kw = [a: 1, b: 2, a: 3]
    assert Keyword.get(kw, :a) == 1
    assert Keyword.get(kw, :z, :none) == :none
    assert Keyword.get_values(kw, :a) == [1, 3]
    assert Keyword.fetch(kw, :b) == {:ok, 2}
    assert Keyword.fetch(kw, :z) == :error
    assert Keyword.fetch!(kw, :b) == 2
    assert Keyword.has_key?(kw, :b)
    assert Keyword.keys(kw) == [:a, :b, :a]
    assert Keyword.values(kw) == [1, 2, 3]
  end

  test "put, delete, merge" do
    assert Keyword.put([a: 1, a: 2], :a, 3) == [a: 3]
    assert Keyword.put_new([a: 1], :a, 2) == [a: 1]
    assert Keyword.delete([a: 1, b: 2, a: 3], :a) == [b: 2]
    assert Keyword.merge([a: 1, b: 2], [b: 3]) == [a: 1, b: 3]
    assert Keyword.update([a: 1], :a, 0, &(&1 + 1)) == [a: 2]
    assert Keyword.take([a: 1, b: 2], [:a]) == [a: 1]
    assert Keyword.drop([a: 1, b: 2], [:a]) == [b: 2]
    assert Keyword.pop([a: 1, b: 2], :a) == {1, [b: 2]}
    assert Keyword.keyword?([a: 1])
    refute Keyword.keyword?([1])
    assert Keyword.new([{:b, 1}, {:a, 2}]) == [b: 1, a: 2]
  end

  test "errors" do
    assert_raise KeyError, fn -> Keyword.fetch!([a: 1], :b) end
  end
end
