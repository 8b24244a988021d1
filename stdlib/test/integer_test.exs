ExUnit.start()

defmodule IntegerTest do
  use ExUnit.Case, async: true
  require Integer

  test "parse and to_string" do
    assert Integer.parse("12abc") == {12, "abc"}
    assert Integer.parse("x") == :error
    assert Integer.parse("ff", 16) == {255, ""}
    assert Integer.to_string(255, 16) == "FF"
    assert Integer.to_string(-7) == "-7"
  end

  test "digits and arithmetic" do
    assert Integer.digits(123) == [1, 2, 3]
    assert Integer.undigits([1, 2, 3]) == 123
    assert Integer.pow(2, 10) == 1024
    assert Integer.gcd(12, 18) == 6
    assert Integer.mod(-5, 3) == 1
    assert Integer.floor_div(-5, 2) == -3
    assert rem(-5, 3) == -2
    assert div(7, 2) == 3
    assert Integer.is_even(4)
    assert Integer.is_odd(5)
    refute Integer.is_even(5)
  end

  test "bignums and errors" do
    assert Integer.pow(2, 100) == 1_267_650_600_228_229_401_496_703_205_376
    assert 10_000_000_000 * 10_000_000_000 == 100_000_000_000_000_000_000
    assert_raise ArithmeticError, fn -> div(1, Enum.sum([])) end
  end
end
