ExUnit.start(seed: 0)

defmodule PassingTest do
  use ExUnit.Case, async: true

  setup_all do
    {:ok, shared: 41}
  end

  setup context do
    [value: context.shared + 1]
  end

  test "context", %{value: v} do
    assert v == 42
  end

  @tag :slow
  test "tagged", context do
    assert context.slow
    assert context.test == :"test tagged"
  end

  describe "nested" do
    setup do
      %{extra: :yes}
    end

    @describetag level: 2
    test "gets describe setup", %{extra: e, level: l, describe: d} do
      assert e == :yes
      assert l == 2
      assert d == "nested"
    end
  end

  test "receive" do
    send(self(), {:hello, 7})
    assert_receive {:hello, n}
    assert n == 7
    refute_received :other
  end

  test "raise" do
    err = assert_raise ArgumentError, fn -> raise ArgumentError, "bad" end
    assert err.message == "bad"
    assert_raise RuntimeError, "boom", fn -> raise "boom" end
  end

  test "match binds" do
    assert {:ok, x} = {:ok, 5}
    assert x == 5
    assert [_ | rest] = [1, 2, 3]
    assert rest == [2, 3]
  end

  test "delta" do
    assert_in_delta 1.0, 1.05, 0.1
    refute_in_delta 1.0, 2.0, 0.1
  end

  test "on_exit" do
    pid = self()
    on_exit(fn -> send(pid, :bye) end)
    assert true
  end
end

defmodule SkipTest do
  use ExUnit.Case

  @tag :skip
  test "skipped" do
    flunk("never")
  end

  test "ok" do
    assert 1 in [1, 2]
    refute 3 in [1, 2]
    assert "abc" =~ ~r/b/
  end
end
