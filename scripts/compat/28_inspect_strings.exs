# feature: Printing: interpolation, inspect options, IO functions
# case: inspect options
IO.inspect(Enum.to_list(1..30), limit: 5)
IO.inspect(%{b: [1, 2], a: "x"}, pretty: true, width: 10)
IO.inspect(<<200, 1>>, binaries: :as_strings)
IO.inspect(255, base: :hex)
# case: interpolation of non-strings
IO.puts("#{1} #{:a} #{1.5} #{[?a, ?b]} #{nil}")
# case: inspect of special terms
IO.inspect({self() |> is_pid(), make_ref() |> is_reference(), &Enum.map/2, 1..3, MapSet.new([2, 1])})
# case: IO.write, IO.puts iodata
IO.write(["a", ?b, ["c"]]); IO.puts(["d", "\n"])
