ExUnit.start(seed: 0)
defmodule LongValuesTest do
  use ExUnit.Case
  test "long" do
    assert Enum.to_list(1..40) == Enum.map(1..40, fn x -> x * 100 end)
  end
  test "map" do
    assert %{name: "a very long name here", email: "someone@example.com", roles: [:admin, :editor, :viewer]} == %{name: "b"}
  end
end
