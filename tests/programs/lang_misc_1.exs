defmodule Misc do
  def classify(x) do
    x
    |> Integer.to_string()
    |> String.length()
    |> case do
      1 -> :one_digit
      2 -> :two_digits
      _ -> :many
    end
  end

  def maybe(x) do
    x
    |> Kernel.*(2)
    |> then(fn y -> if y > 10, do: {:big, y}, else: {:small, y} end)
  end
end

IO.inspect(Enum.map([5, 42, 1234], &Misc.classify/1))
IO.inspect(Misc.maybe(3))
IO.inspect(Misc.maybe(30))
a = 1
IO.inspect(__ENV__.module)
IO.inspect(__MODULE__)
IO.inspect(is_nil(nil) and is_nil(Process.get(:nope)))
IO.inspect(elem({1, 2, 3}, 1))
IO.inspect(put_elem({1, 2, 3}, 1, :x))
IO.inspect(tuple_size({}))
IO.inspect(Tuple.append({1}, 2))
IO.inspect(Tuple.to_list({1, {2}}))
IO.inspect(hd([1]))
IO.inspect(tl([1]))
IO.inspect(length([]))
IO.inspect(max(:a, 1))
IO.inspect(min("a", :a))
IO.inspect(div(-7, 2))
IO.inspect(rem(7, -2))
IO.inspect(abs(-0))
IO.inspect(:erlang.phash2(:x) |> is_integer())
IO.inspect(a)
IO.inspect([1, 2, 3] -- [2])
IO.inspect([1, 2] ++ [3])
IO.inspect("abc" =~ "b")
IO.inspect("abc" =~ ~r/^a/)
IO.inspect(:a < :b and 1 < :a and :a < "a" and {1} < [1] and %{} < [] and 1 < {})
IO.inspect(Enum.sort([[], {}, %{}, :a, 1, "s", 1.5, {1, 2}, [1]]))
IO.inspect(1 == 1.0 and 1 !== 1.0)
IO.inspect(to_string(nil) == "")
IO.inspect(is_atom(nil) and is_atom(true) and is_boolean(false))
defmodule EnvInfo do
  def where, do: {__ENV__.module, __ENV__.function}
  def in_fn, do: (fn -> __ENV__.function end).()
end
IO.inspect(EnvInfo.where())
IO.inspect(EnvInfo.in_fn())
IO.inspect(__ENV__.function)
