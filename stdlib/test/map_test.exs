ExUnit.start()

defmodule MapTest do
  use ExUnit.Case, async: true

  test "get, fetch, put" do
    m = %{a: 1, b: 2}
    assert Map.get(m, :a) == 1
    assert Map.get(m, :z) == nil
    assert Map.get(m, :z, 0) == 0
    assert Map.fetch(m, :a) == {:ok, 1}
    assert Map.fetch(m, :z) == :error
    assert Map.fetch!(m, :b) == 2
    assert Map.put(m, :c, 3) == %{a: 1, b: 2, c: 3}
    assert Map.put_new(m, :a, 9) == m
    assert Map.has_key?(m, :a)
    refute Map.has_key?(m, :z)
  end

  test "update and delete" do
    m = %{a: 1}
    assert Map.update(m, :a, 0, &(&1 + 1)) == %{a: 2}
    assert Map.update(m, :b, 0, &(&1 + 1)) == %{a: 1, b: 0}
    assert Map.update!(m, :a, &(&1 * 10)) == %{a: 10}
    assert Map.delete(m, :a) == %{}
    assert Map.drop(%{a: 1, b: 2, c: 3}, [:a, :b]) == %{c: 3}
    assert Map.take(%{a: 1, b: 2, c: 3}, [:a, :c]) == %{a: 1, c: 3}
    assert Map.pop(m, :a) == {1, %{}}
    assert Map.get_and_update(m, :a, fn v -> {v, v + 1} end) == {1, %{a: 2}}
  end

  test "whole-map functions" do
    m = %{a: 1, b: 2}
    assert Map.keys(m) == [:a, :b]
    assert Map.values(m) == [1, 2]
    assert Map.to_list(m) == [a: 1, b: 2]
    assert Map.merge(m, %{b: 3, c: 4}) == %{a: 1, b: 3, c: 4}
    assert Map.merge(m, %{b: 3}, fn _k, v1, v2 -> v1 + v2 end) == %{a: 1, b: 5}
    assert Map.new([{:x, 1}]) == %{x: 1}
    assert Map.new([1, 2], &{&1, &1 * 2}) == %{1 => 2, 2 => 4}
    assert Map.filter(m, fn {_k, v} -> v > 1 end) == %{b: 2}
    assert map_size(m) == 2
    assert Map.split(m, [:a]) == {%{a: 1}, %{b: 2}}
  end

  test "errors" do
    assert_raise KeyError, fn -> Map.fetch!(%{}, :a) end
    assert_raise KeyError, fn -> Map.update!(%{}, :a, & &1) end
    assert_raise BadMapError, fn -> Map.get(:not_a_map, :a) end
  end
end
