classify = fn
  0 -> :zero
  n when is_integer(n) and n > 0 -> :pos
  n when is_integer(n) -> :neg
  x when is_float(x) -> :float
  _ -> :other
end
IO.inspect(Enum.map([0, 5, -5, 1.5, :a], classify))

add = fn a, b -> a + b end
IO.inspect(add.(1, 2))
IO.inspect(is_function(add, 2))
IO.inspect(:erlang.fun_info(add, :arity))

swap = fn {a, b} -> {b, a}; [a, b] -> [b, a] end
IO.inspect(swap.({1, 2}))
IO.inspect(swap.([1, 2]))

counter = fn -> :tick end
IO.inspect(counter.())

x = 10
closure = fn y -> x + y end
x = 20
IO.inspect(closure.(1))
IO.inspect(x)

make_adder = fn n -> fn m -> n + m end end
add5 = make_adder.(5)
IO.inspect(add5.(10))
IO.inspect(make_adder.(1).(1))

# recursion via passing self
fact = fn
  0, _self -> 1
  n, self -> n * self.(n - 1, self)
end
IO.inspect(fact.(20, fact))

multi = fn
  a, b when a > b -> {:desc, a, b}
  a, b -> {:asc, a, b}
end
IO.inspect(multi.(3, 1))
IO.inspect(multi.(1, 3))

IO.inspect(Enum.reduce([1, 2, 3], 0, fn x, acc -> x + acc end))
IO.inspect(Enum.map([{1, :a}, {2, :b}], fn {n, a} -> "#{n}#{a}" end))
apply_twice = fn f, v -> f.(f.(v)) end
IO.inspect(apply_twice.(fn v -> v * 3 end, 2))
IO.inspect(apply(add, [3, 4]))
