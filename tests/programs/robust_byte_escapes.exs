# `\xHH` in a string-like literal is ONE byte, as in Elixir: `"\xFF"` is <<255>>, not the
# UTF-8 encoding of U+00FF; `\uHHHH`, `\u{H*}` are code points. (issue 14)
IO.inspect("\xFF")
IO.inspect(byte_size("\xFF"))
IO.inspect("\xFF" <> "a")
IO.inspect(String.valid?("\xFF"))
IO.inspect("\u{FF}")
IO.inspect(byte_size("\u{FF}"))
IO.inspect("\u00e9")
IO.inspect("\xC3\xA9")
IO.inspect("\xE2\x82\xAC")
IO.inspect("\xFFé")
IO.inspect("\x41\x42\x7e")
IO.inspect('\xC3\xA9')
IO.inspect(~s(\xFF))
IO.inspect(~S(\xFF))
IO.inspect(~s(a#{1}\xFE))
x = 1
IO.inspect("a#{x}\xFF")
IO.inspect(<<"\xFF">>)
IO.inspect(<<"\xFF", 1, "\x80">>)
IO.inspect(<<"\xFF"::binary, "b">>)
IO.inspect("""
heredoc \xFF
""")
IO.inspect(String.split("a\xFFb c\x80"))
IO.inspect(~w(a\xFFb c))

case <<255, 1>> do
  <<"\xFF", rest::binary>> -> IO.inspect({:rest, rest})
end

f = fn
  "\xFE" -> :fe
  _ -> :other
end

IO.inspect({f.("\xFE"), f.("þ")})
IO.inspect(%{"\x80" => 1, "\u0080" => 2})
IO.inspect(quote(do: "\xFF"))
IO.inspect(Macro.to_string(quote(do: "\xFF" <> "b")))
IO.inspect(Macro.to_string(<<1, 255, ?a, ?\n, ?">>))
IO.inspect(:erlang.binary_to_list("\xFF\x00\x7F"))
IO.inspect("\xFF" == <<255>>)
IO.inspect("\xFF" == "ÿ")
