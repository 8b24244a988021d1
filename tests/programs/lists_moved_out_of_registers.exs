# A list matched by [h | t] in a register that is dead afterwards is taken apart in place
# (the cell moved out when the process holds it once). Lists still held elsewhere must stay
# intact, and every clause order must still see the list.
defmodule Walk do
  def double([]), do: []
  def double([h | t]), do: [h * 2 | double(t)]

  def sum([], acc), do: acc
  def sum([h | t], acc), do: sum(t, acc + h)

  def keep_even([]), do: []
  def keep_even([h | t]) when rem(h, 2) == 0, do: [h | keep_even(t)]
  def keep_even([_ | t]), do: keep_even(t)

  def flatten_heads([]), do: []
  def flatten_heads([[x | _] | rest]), do: [x | flatten_heads(rest)]
  def flatten_heads([x | rest]), do: [{:not_a_list, x} | flatten_heads(rest)]

  def last([x]), do: x
  def last([_ | t]), do: last(t)

  def zip([a | as], [b | bs]), do: [{a, b} | zip(as, bs)]
  def zip(_, _), do: []
end

l = [1, 2, 3, 4, 5]
IO.inspect(Walk.double(l))
IO.inspect(l)
IO.inspect(Walk.sum(l, 0))
IO.inspect(Walk.keep_even(l))
IO.inspect(l, label: "still")
pair = {l, Walk.double(l)}
IO.inspect(pair)
IO.inspect(Walk.flatten_heads([[1, 2], [3], :x, [[4]], "s"]))
IO.inspect(Walk.last(Enum.to_list(1..10)))
IO.inspect(Walk.zip([1, 2, 3], [:a, :b]))
shared = [10, 20, 30]
nested = [shared, shared]
IO.inspect(Enum.map(nested, &Walk.sum(&1, 0)))
IO.inspect(nested)
big = Enum.to_list(1..100_000)
IO.inspect(Walk.sum(Walk.double(big), 0))
IO.inspect(length(big))
try do
  Walk.sum([1, 2 | 3], 0)
rescue
  e -> IO.inspect(e)
end
