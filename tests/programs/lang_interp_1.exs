defmodule S do
  defstruct a: 1
end
IO.puts("int #{42}")
IO.puts("neg #{-7}")
IO.puts("float #{1.5} #{1.0e20} #{0.1}")
IO.puts("atom #{:hello} #{nil} #{true}")
IO.puts("module #{String} #{Foo.Bar}")
IO.puts("string #{"inner"}")
IO.puts("charlist #{'abc'}")
IO.puts("iolist #{["a", ?b, ['c']]}")
IO.puts("nested #{"a #{"b #{:c}"}"}")
IO.puts("expr #{Enum.sum([1, 2, 3]) * 2}")
IO.puts("big #{2 ** 100}")
IO.puts("range via inspect #{inspect(1..3)}")
IO.puts("list inspect #{inspect([1, 2])}")
IO.puts("to_string #{to_string(:x)} #{to_string(12)} #{to_string([?h, "i"])}")
IO.puts("utf8 #{"é"} #{<<0xE6, 0x97, 0xA5>>}")
IO.puts("escaped \#{not} and \\ backslash")
IO.puts("empty #{} end")
IO.puts("multi #{
  1 + 1
} line")
x = "var"
IO.puts("#{x}#{x}")
try do
  IO.puts("tuple #{{1, 2}}")
rescue
  e in Protocol.UndefinedError -> IO.puts("tuple not String.Chars: #{e.protocol}")
end
try do
  IO.puts("map #{%{}}")
rescue
  e -> IO.puts("map raises #{inspect(e.__struct__)}")
end
try do
  IO.puts("struct #{struct(S)}")
rescue
  e -> IO.puts("struct raises #{inspect(e.__struct__)}")
end
IO.puts(:atom_puts)
IO.puts(123)
IO.puts(1.25)
