# feature: Literals: integers, floats, atoms, strings, charlists, lists, tuples, maps, keywords
# case: integer forms
IO.inspect([0x1F, 0b101, 0o17, 1_000_000, ?a, -3, 10 ** 20])
# case: floats
IO.inspect([1.5, 1.0e10, 2.5e-3, 0.1 + 0.2, 1 / 3])
# case: atoms
IO.inspect([:ok, :"with space", :"ok?", true, nil, Elixir.Foo, :foo@bar])
# case: strings and escapes
IO.inspect("tab\there \u00e9 \x41 #{1 + 1}")
IO.puts("line\nnext")
# case: heredoc
s = """
  indented
    more
  """
IO.inspect(s)
# case: charlists
IO.inspect('abc')
IO.inspect([104, 105])
# case: collections
IO.inspect({[1, 2 | [3]], %{"b" => 2, a: 1}, [x: 1, y: 2], {}, %{}})
