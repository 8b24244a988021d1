# A list cell built from parts that stay live after it (and one whose head is its tail):
# the cell must not overwrite the registers of the parts still needed.
defmodule Keep do
  def f(h, t), do: [{h, t} | [h | t]]
  def g(h, t) do
    l = [h | t]
    {l, h, t}
  end
  def k(x), do: [[x | x] | x]
end
IO.inspect(Keep.f(1, [2]))
IO.inspect(Keep.g(:a, [:b]))
IO.inspect(Keep.k([1]))
