add = fn a, b -> a + b end
IO.inspect(add.(1, 2))
IO.inspect(add.(1))
