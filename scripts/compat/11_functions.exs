# feature: Anonymous functions and captures
# case: multi-clause fn and closures
n = 10
f = fn 0 -> :zero; x when x > 0 -> x + n; _ -> :neg end
IO.inspect({f.(0), f.(1), f.(-1)})
# case: captures
IO.inspect({Enum.map([1, 2], &Integer.to_string/1), (&(&1 + &2)).(1, 2), (&{&1, :x}).(1), is_function(&IO.puts/1, 1)})
# case: recursion via module and apply
IO.inspect({apply(Enum, :sum, [[1, 2]]), apply(fn a, b -> a * b end, [3, 4])})
