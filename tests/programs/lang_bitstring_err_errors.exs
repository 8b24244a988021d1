# Every bitstring construction error, rescued, then one uncaught.
try_it = fn f ->
  try do
    IO.inspect(f.())
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end

a = :a
fl = 1.5
s = "ab"
neg = -1
try_it.(fn -> <<a::8>> end)
try_it.(fn -> <<a::float>> end)
try_it.(fn -> <<a::binary>> end)
try_it.(fn -> <<s::binary-size(3)>> end)
try_it.(fn -> <<fl::8>> end)
try_it.(fn -> <<neg::utf8>> end)
try_it.(fn -> <<a::utf16>> end)
try_it.(fn -> <<1, a::utf32>> end)
try_it.(fn -> <<"abc", a>> end)
try_it.(fn -> <<1::size(neg)>> end)
try_it.(fn -> <<1::size(a)>> end)
try_it.(fn -> <<0xD800::utf8>> end)
try_it.(fn -> <<s::binary, 1::size(neg)>> end)
<<x::8, "!">> = <<65, 63>>
IO.inspect(x)
