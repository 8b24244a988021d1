ExUnit.start()

defmodule KernelTest do
  use ExUnit.Case, async: true

  test "tuples and numbers" do
    assert elem({1, 2}, 1) == 2
    assert put_elem({1, 2}, 0, :a) == {:a, 2}
    assert tuple_size({1, 2, 3}) == 3
    assert max(1, 2) == 2
    assert min(1, 2) == 1
    assert abs(-3) == 3
    assert round(2.5) == 3
    assert trunc(2.7) == 2
    assert 7 / 2 == 3.5
  end

  test "conversions and inspect" do
    assert to_string(42) == "42"
    assert to_string(:ok) == "ok"
    assert inspect([1, :a, "b"]) == ~s([1, :a, "b"])
    assert inspect(%{a: 1}) == "%{a: 1}"
    assert is_atom(:a) and is_binary("b") and is_list([]) and is_map(%{})
  end

  test "apply, then, tap" do
    assert apply(Enum, :sum, [[1, 2]]) == 3
    assert apply(fn x -> x + 1 end, [1]) == 2
    assert 1 |> then(&(&1 + 1)) == 2
    assert tap(5, fn x -> send(self(), x) end) == 5
    assert_received 5
  end

  test "nested access" do
    data = %{a: %{b: [1, 2]}}
    assert get_in(data, [:a, :b]) == [1, 2]
    assert put_in(data, [:a, :b], []) == %{a: %{b: []}}
    assert update_in(data, [:a, :b], &Enum.reverse/1) == %{a: %{b: [2, 1]}}
    assert data[:a][:b] == [1, 2]
  end

  test "pattern matching and control flow" do
    assert {:ok, x} = {:ok, 1}
    assert x == 1
    assert match?(%{a: _}, %{a: 1, b: 2})
    refute match?([_], [])
    size =
      case 3 do
        n when n > 2 -> :big
        _ -> :small
      end

    assert size == :big
    sum = with {:ok, a} <- {:ok, 1}, {:ok, b} <- {:ok, 2}, do: a + b
    assert sum == 3
    assert_raise MatchError, fn -> {:ok, _} = Enum.fetch([], 0) end
  end
end
