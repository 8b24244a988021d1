ExUnit.start(seed: 0)

defmodule FailuresTest do
  use ExUnit.Case

  test "truthy" do
    x = nil
    assert x
  end
  test "call" do
    assert String.contains?("abc", "z")
  end
  test "gt" do
    assert 1 > 2
  end
  test "match op" do
    assert "hello" =~ "z"
  end
  test "match?" do
    assert match?({:ok, _}, {:error, 2})
  end
  test "refute truthy" do
    refute 1
  end
  test "raise" do
    raise ArgumentError, "boom"
  end
  test "wrong exception" do
    assert_raise ArgumentError, fn -> raise "x" end
  end
  test "wrong message" do
    assert_raise ArgumentError, "a", fn -> raise ArgumentError, "b" end
  end
  test "receive" do
    send(self(), {:other, 1})
    assert_receive {:hello, _}, 10
  end
  test "received" do
    assert_received :hi
  end
  test "refute_receive" do
    send(self(), :hi)
    refute_receive :hi
  end
  test "flunk" do
    flunk("nope")
  end
  test "delta" do
    assert_in_delta 1.0, 1.5, 0.1
  end
  test "exit" do
    exit(:boom)
  end
  test "badmatch" do
    {:ok, _} = Map.fetch(%{}, :a)
  end
  test "neq" do
    assert [1, 2, 3] != [1, 2, 3]
  end
  test "strict" do
    assert 1 === 1.0
  end
  test "and" do
    assert 1 == 1 and 2 == 3
  end
end
