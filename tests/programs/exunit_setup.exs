ExUnit.start(seed: 0)

defmodule Counter do
  def start(n), do: spawn(fn -> loop(n) end)

  defp loop(n) do
    receive do
      {:get, from} ->
        send(from, {:count, n})
        loop(n)

      :inc ->
        loop(n + 1)
    end
  end
end

defmodule SetupTest do
  use ExUnit.Case

  setup_all do
    IO.puts("setup_all runs once")
    %{base: 10}
  end

  setup :start_counter
  setup [:add_one, :add_two]

  defp start_counter(%{base: base}), do: {:ok, counter: Counter.start(base)}
  defp add_one(context), do: Map.put(context, :one, 1)
  defp add_two(_context), do: [two: 2]

  test "context has every setup's values", %{counter: pid, one: one, two: two, base: base} do
    send(pid, :inc)
    send(pid, {:get, self()})
    assert_receive {:count, n}
    assert n == base + one
    assert two == 2
  end

  test "each test gets a fresh counter", %{counter: pid} do
    send(pid, {:get, self()})
    assert_receive {:count, 10}
  end

  describe "with a describe setup" do
    setup context do
      {:ok, doubled: context.base * 2}
    end

    test "sees both setups", context do
      assert context.doubled == 20
      assert context.describe == "with a describe setup"
      assert context.test == :"test with a describe setup sees both setups"
    end

    test "fails with the describe in its name", %{doubled: d} do
      assert d == 21
    end
  end

  test "setup returning a bad value is reported" do
    assert Enum.sum([1, 2, 3]) == 6
  end
end
