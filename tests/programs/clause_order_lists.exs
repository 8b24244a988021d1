# Clauses for [] and [h | t] at the same argument are tested cons-first by the
# compiler; the first matching clause must still be the one written first.
defmodule ClauseOrder do
  def kind([], _), do: :empty
  def kind([h | _], n) when h > n, do: {:big_head, h}
  def kind([_ | _] = l, _), do: {:list, length(l)}
  def kind(other, _), do: {:other, other}

  def pick([], [x | _]), do: {:first_empty, x}
  def pick([x | _], []), do: {:second_empty, x}
  def pick([], []), do: :both_empty
  def pick([a | _], [b | _]), do: {:both, a, b}

  def strict([]), do: :nil_clause
  def strict([_ | _]), do: :cons_clause

  def sum([], acc), do: acc
  def sum([h | t], acc), do: sum(t, acc + h)
end

IO.inspect(ClauseOrder.kind([], 0))
IO.inspect(ClauseOrder.kind([5, 1], 3))
IO.inspect(ClauseOrder.kind([1, 2, 3], 3))
IO.inspect(ClauseOrder.kind(:atom, 3))
IO.inspect(ClauseOrder.kind('abc', 200))
IO.inspect(ClauseOrder.pick([], [1]))
IO.inspect(ClauseOrder.pick([2], []))
IO.inspect(ClauseOrder.pick([], []))
IO.inspect(ClauseOrder.pick([3], [4]))
IO.inspect(ClauseOrder.strict([]))
IO.inspect(ClauseOrder.strict([[]]))
IO.inspect(ClauseOrder.sum(Enum.to_list(1..100), 0))

try do
  ClauseOrder.strict(:nope)
rescue
  e in FunctionClauseError -> IO.puts(Exception.message(e))
end

try do
  ClauseOrder.sum([1 | 2], 0)
rescue
  e in FunctionClauseError -> IO.puts(Exception.message(e))
end
