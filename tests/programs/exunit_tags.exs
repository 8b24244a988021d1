ExUnit.start(seed: 0, exclude: [:slow, os: "win"], include: [os: "unix"])

defmodule TagsTest do
  use ExUnit.Case
  @moduletag :mod

  @tag :slow
  test "slow is excluded" do
    assert false
  end

  @tag os: "unix"
  test "unix is included" do
    assert true
  end

  @tag os: "win"
  test "win is excluded" do
    assert false
  end

  @tag :skip
  test "skipped" do
    assert false
  end

  test "moduletag reaches the context", context do
    assert context.mod == true
    assert context.module == TagsTest
  end

  describe "describetag" do
    @describetag :slow
    test "excluded through describetag" do
      flunk("not run")
    end
  end
end
