# feature: ExUnit in scripts (assertions)
# case: ExUnit.Assertions
import ExUnit.Assertions
assert 1 + 1 == 2
refute nil
assert_raise ArithmeticError, fn -> 1 / 0 end
IO.puts("ok")
# case: assertion failure message
import ExUnit.Assertions
try do
  assert 1 == 2
rescue
  e in ExUnit.AssertionError -> IO.puts(e.message)
end
