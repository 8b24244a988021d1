defmodule F2 do
  def compose(f, g), do: fn x -> g.(f.(x)) end
  def curry(f), do: fn a -> fn b -> f.(a, b) end end
  def map_fns(fs, x), do: Enum.map(fs, & &1.(x))
  def counter_loop(0, acc), do: acc
  def counter_loop(n, acc), do: counter_loop(n - 1, [fn -> n end | acc])
end

inc = &(&1 + 1)
dbl = &(&1 * 2)
IO.inspect(F2.compose(inc, dbl).(5))
IO.inspect(F2.compose(dbl, inc).(5))
IO.inspect(F2.curry(&+/2).(3).(4))
IO.inspect(F2.map_fns([inc, dbl, &to_string/1], 7))
IO.inspect(F2.counter_loop(3, []) |> Enum.map(& &1.()))
fizz = fn
  n when rem(n, 15) == 0 -> :fizzbuzz
  n when rem(n, 5) == 0 -> :buzz
  n when rem(n, 3) == 0 -> :fizz
  n -> n
end
IO.inspect(Enum.map(1..15, fizz))
pattern = fn
  %{a: a} -> {:map, a}
  [a | _] -> {:list, a}
  {a, _} -> {:tuple, a}
  "" <> s -> {:string, s}
end
IO.inspect(Enum.map([%{a: 1}, [2], {3, 4}, "five"], pattern))
ignore = fn _, _ -> :ignored end
IO.inspect(ignore.(1, 2))
IO.inspect((fn -> :immediate end).())
IO.inspect((fn x, y -> x - y end).(10, 3))
nested = fn x -> fn y -> fn z -> x + y + z end end end
IO.inspect(nested.(1).(2).(3))
{f1, f2} = {fn -> :one end, fn -> :two end}
IO.inspect({f1.(), f2.()})
IO.inspect(Enum.map([1, 2, 3], fn x when x > 1 -> :big; _ -> :small end))
