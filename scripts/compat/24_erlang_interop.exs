# feature: Erlang interop that real code calls (:io.format, :io_lib, :crypto, term_to_binary)
# case: :io.format and :io_lib.format
:io.format("~p ~s ~w ~b~n", [[1, 2], "str", :atom, 5])
IO.inspect(:io_lib.format("~.2f", [3.14159]) |> IO.iodata_to_binary())
# case: :crypto
IO.inspect({:crypto.hash(:sha256, "abc"), :crypto.hash(:md5, "abc"), byte_size(:crypto.strong_rand_bytes(8)), :crypto.mod_pow(4, 13, 497)})
# case: term_to_binary
IO.inspect({:erlang.term_to_binary({:a, [1, "b"], %{c: 1.5}}), :erlang.binary_to_term(:erlang.term_to_binary([x: 1]))})
# case: :lists and :maps
IO.inspect({:lists.seq(1, 5), :lists.keyfind(:b, 1, [a: 1, b: 2]), :maps.get(:a, %{a: 1})})
# case: :ets
t = :ets.new(:t, [:set])
:ets.insert(t, {:k, 1})
IO.inspect(:ets.lookup(t, :k))
