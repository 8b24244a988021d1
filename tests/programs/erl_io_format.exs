# :io.format/1,2,3 and :io_lib.format/2 with the common directives.
:io.format("plain~n")
:io.format("~w ~p ~s~n", [:ok, [1, 2], "text"])
:io.format("~p ~w~n", ['abc', 'abc'])
:io.format("~p~n", [{:ok, %{a: 1, b: "x"}, [1 | 2], Elixir.Foo, :"hello world"}])
:io.format("[~5b|~-5b|~.16B|~.16b|~.2b|~5..0b]~n", [42, 42, 255, 255, 5, 7])
:io.format("[~f|~.2f|~e|~.3e|~10.2f|~-10.2f|]~n", [3.14159, 3.14159, 1.5, 12345.678, 2.5, 2.5])
:io.format("[~s|~5s|~-5s|~.2s|~c|~3c|~~]~n", ["ab", "x", "y", "abcdef", ?a, ?b])
:io.format("[~x|~.16X|~.16#|~.8+]~n", [255, '0x', 255, '0x', 255, 8])
:io.format("~w ~w ~w ~w~n", [-5, 12345678901234567890, 1.0e20, 0.1])
:io.format("~p ~w~n", [<<1, 2, 3>>, "héllo"])
:io.format("~s and ~s~n", [:atom, ['char', "list"]])
:io.format("~*b|~.*f~n", [6, 42, 1, 2.25])
:io.format(:standard_io, "device ~w~n", [1])
IO.puts(:io_lib.format("~p-~w", [:a, 1]) |> IO.iodata_to_binary())
IO.puts(to_string(:io_lib.format("~5.1f|", [2.25])))
IO.inspect(:io_lib.format("~s", ["abc"]) |> List.flatten())
# errors
try do :io_lib.format("~w ~w", [1]) rescue e -> IO.inspect(e.__struct__) end
try do :io_lib.format("~q", [1]) rescue e -> IO.inspect(e.__struct__) end
try do :io.format("~b", [:notint]) rescue e -> IO.inspect(e.__struct__) end
