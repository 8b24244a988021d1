# :crypto.hash/2, mod_pow/3, strong_rand_bytes/1; :erlang.term_to_binary/1 and
# binary_to_term/1,2 (byte-identical to the BEAM, hostile input rejected).
hex = fn bin -> bin |> :binary.bin_to_list() |> Enum.map_join(fn b -> String.pad_leading(Integer.to_string(b, 16), 2, "0") end) end
for alg <- [:md5, :sha, :sha224, :sha256, :sha384, :sha512] do
  IO.puts("#{alg} #{hex.(:crypto.hash(alg, "abc"))}")
end
IO.inspect(:crypto.hash(:sha256, ["a", ?b, ["c"]]) == :crypto.hash(:sha256, "abc"))
IO.inspect(:crypto.mod_pow(4, 13, 497))
IO.inspect(:crypto.mod_pow(2, 100, 1_000_000_007))
IO.inspect(:crypto.mod_pow(<<4>>, <<13>>, <<1, 241>>))
IO.inspect(:crypto.mod_pow(7, 2, 7))
IO.inspect(byte_size(:crypto.strong_rand_bytes(16)))
IO.inspect(:crypto.strong_rand_bytes(8) != :crypto.strong_rand_bytes(8))
try do :crypto.hash(:foo, "a") rescue e -> IO.inspect(e) end
try do :crypto.strong_rand_bytes(-1) rescue e -> IO.inspect(e) end
try do :crypto.mod_pow(2, 3, 0) rescue e -> IO.inspect(e.__struct__) end

terms = [:abc, :"héllo", :"日本", 1, 255, 256, -1, 2_147_483_647, 2_147_483_648, -2_147_483_649,
  12_345_678_901_234_567_890_123, -(2 ** 64), 2 ** 2100, 1.5, -0.0, 1.0e300, [], [1, 2, 3], [1, 256], [1 | 2],
  ~c"abc", "bin", "", {}, {1, :a}, %{}, %{b: 1, a: 2}, Map.new(1..40, &{&1, &1}), true, nil,
  &Enum.map/2, List.duplicate(1, 70000), Elixir.Foo, {:ok, [%{"k" => [1.5, "v"]}]},
  Enum.to_list(1..300) |> List.to_tuple()]
for t <- terms do
  b = :erlang.term_to_binary(t)
  IO.puts("#{byte_size(b)} #{hex.(:crypto.hash(:md5, b))} #{:erlang.binary_to_term(b) === t}")
end
IO.inspect(:erlang.term_to_binary({:a, [1, 2], "x"}))
IO.inspect(:erlang.binary_to_term(<<131, 100, 0, 3, 97, 98, 99>>))
IO.inspect(:erlang.binary_to_term(<<131, 119, 3, "abc", 1, 2>>, [:used]))
IO.inspect(:erlang.binary_to_term(<<131, 115, 2, "ok">>))
for b <- [<<131>>, <<1, 2>>, <<131, 107, 0, 5, 1>>, <<131, 108, 255, 255, 255, 255, 106>>,
          <<131, 116, 255, 255, 255, 255>>, <<131, 109, 0, 0, 0, 9, 1>>, <<131, 200>>, <<>>] do
  try do IO.inspect(:erlang.binary_to_term(b)) rescue e -> IO.inspect(e) end
end
try do :erlang.binary_to_term(<<131, 119, 10, "newatom_zq">>, [:safe]) rescue e -> IO.inspect(e) end
IO.inspect(:erlang.binary_to_term(<<131, 119, 2, "ok">>, [:safe]))
deep = Enum.reduce(1..100_000, :leaf, fn _, acc -> {acc} end)
IO.inspect(:erlang.binary_to_term(:erlang.term_to_binary(deep)) == deep)
