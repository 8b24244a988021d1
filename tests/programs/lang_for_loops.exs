# Comprehensions compile each list generator to a local loop (no fun per element); other
# enumerables still go through Enum.reduce, one element at a time. Both must behave as Elixir.
defmodule ForLoops do
  def pairs(xs, ys), do: for(x <- xs, y <- ys, x < y, do: {x, y})

  # A generator's pattern rebinds a name the body also uses from outside.
  def shadow(x, l), do: for(x <- [x | l], x <- [x, x * 10], do: x)

  def guarded(l), do: for({k, v} when is_integer(v) <- l, v > 1, do: {v, k})

  def perms([]), do: [[]]
  def perms(l), do: for(x <- l, rest <- perms(l -- [x]), do: [x | rest])

  def pinned(l, want), do: for({^want, v} <- l, do: v)

  def deep(n), do: for(a <- 1..n, b <- [a, a + 1], c <- [b * 2], rem(c, 3) != 0, do: a + b + c)

  def total(l), do: for(x <- l, reduce: 0, do: (acc -> acc + x))

  def crash(l), do: for(x <- l, do: 10 / x)
end

IO.inspect(ForLoops.pairs([1, 2, 3], [2, 3]))
IO.inspect(ForLoops.shadow(1, [2]))
IO.inspect(ForLoops.guarded(a: 1, b: 2, c: :x, d: 3))
IO.inspect(ForLoops.perms([1, 2, 3]))
IO.inspect(ForLoops.pinned([{1, :a}, {2, :b}, {1, :c}], 1))
IO.inspect(ForLoops.deep(4))
IO.inspect(ForLoops.total([1, 2, 3, 4]))
IO.inspect(for x <- 1..3, into: %{}, do: {x, x * x})
IO.inspect(for x <- [3, 1, 3, 2, 1], uniq: true, do: x)
IO.inspect(for {k, v} <- %{a: 1, b: 2}, do: {v, k})
IO.inspect(for x <- MapSet.new([3, 1, 2]), y <- [x], do: x + y)
# A stream's elements are produced one at a time, between the bodies.
IO.inspect(for x <- Stream.map([1, 2], fn i -> IO.puts("produce #{i}"); i end), do: IO.puts("body #{x}"))
try do
  for x <- :not_enumerable, do: x
rescue
  e -> IO.puts(Exception.message(e))
end
try do
  ForLoops.crash([5, 0])
rescue
  e -> IO.inspect(e)
end
fun = fn l -> for x <- l, do: x * 2 end
IO.inspect(fun.([1, 2, 3]))
IO.inspect(for x <- [], y <- raise("never"), do: {x, y})
# Ranges (several chunks, empty, descending, stepped), maps and MapSets as generators.
IO.inspect(for x <- 1..600, rem(x, 97) == 0, do: x)
IO.inspect(for x <- 5..1//-1, y <- 1..0//1, do: {x, y})
IO.inspect(for x <- 10..1//-3, do: x)
IO.inspect(length(for x <- -300..300, y <- 1..2, do: x * y))
IO.inspect(Enum.sum(for x <- 1..1000, do: x))
IO.inspect(for {k, v} <- %{b: 2, a: 1}, x <- MapSet.new([v, v + 10]), do: {k, x})
IO.inspect(for x <- 1..3, y <- Stream.map([x], &(&1 * 2)), do: y)
