bin = <<1, 2, 3, 4, 5, 6, 7>>
IO.inspect(for <<r::8, g::8 <- bin>>, do: {r, g})
IO.inspect(for <<c <- "abc">>, do: c)
IO.inspect(for <<c <- "hello">>, c != ?l, into: "", do: <<c>>)
IO.inspect(for <<a::16 <- <<1, 2, 3, 4>> >>, x <- [1, 2], do: a * x)
IO.inspect(for <<c <- "ab">>, reduce: 0, do: (acc -> acc + c))
IO.inspect(for <<c <- "">>, do: c)
x = 10
IO.inspect(for <<c <- <<1, 2>> >>, do: c + x)
