# pythagorean triples, nested generators with filters
IO.inspect(for a <- 1..20, b <- a..20, c <- b..20, a * a + b * b == c * c, do: {a, b, c})
# map comprehension with into and transformation
m = %{"apple" => 3, "kiwi" => 0, "pear" => 7}
IO.inspect(for {k, v} <- m, v > 0, into: %{}, do: {String.to_atom(k), v * 2})
# string building
IO.inspect(for x <- ~w(a b c), into: "", do: String.upcase(x))
# into existing map/list
IO.inspect(for x <- [:b, :c], into: %{a: 0}, do: {x, 1})
# uniq with into
IO.inspect(for x <- [3, 1, 3, 2, 1], uniq: true, into: [], do: x)
# reduce with multiple clauses and generators
IO.inspect(for x <- 1..3, y <- 1..3, reduce: [] do
  acc when x == y -> [{x, y} | acc]
  acc -> acc
end)
# pattern with pin in generator
target = :keep
IO.inspect(for {^target, v} <- [keep: 1, drop: 2, keep: 3], do: v)
# nested comprehensions
IO.inspect(for row <- 1..3, do: for(col <- 1..3, do: row * col))
# filter using function
IO.inspect(for x <- 1..20, rem(x, 2) == 0, rem(x, 3) == 0, do: x)
# comprehension over a keyword and charlist
IO.inspect(for {k, v} <- [a: 1, b: 2], do: "#{k}=#{v}")
IO.inspect(for c <- 'abc', do: c + 1)
# binding in generator body
IO.inspect(for x <- 1..3 do
  y = x * 10
  y + 1
end)
