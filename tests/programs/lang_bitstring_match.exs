# Bitstring patterns: sizes bound earlier in the pattern, utf8, strings, floats, endianness.
defmodule Packet do
  def parse(<<len::8, data::binary-size(len), rest::binary>>), do: {:ok, data, rest}
  def parse(_), do: :error

  def tlv(<<>>), do: []
  def tlv(<<type::8, len::16, value::binary-size(len), rest::binary>>), do: [{type, value} | tlv(rest)]

  def header(<<"GET ", path::binary>>), do: {:get, path}
  def header(<<"POST ", path::binary>>), do: {:post, path}
  def header(<<m::binary-size(3), _::binary>>), do: {:other, m}

  def count_chars(<<>>, n), do: n
  def count_chars(<<_::utf8, rest::binary>>, n), do: count_chars(rest, n + 1)

  def chars(<<c::utf8, rest::binary>>) when c > 127, do: [{:wide, c} | chars(rest)]
  def chars(<<c::utf8, rest::binary>>), do: [c | chars(rest)]
  def chars(<<>>), do: []

  def bytes(<<b, rest::binary>>), do: [b | bytes(rest)]
  def bytes(<<>>), do: []

  def flags(<<a::1, b::1, c::1, rest::5>>), do: {a, b, c, rest}
end

IO.inspect(Packet.parse(<<3, "abcde">>))
IO.inspect(Packet.parse(<<9, "ab">>))
IO.inspect(Packet.parse(<<>>))
IO.inspect(Packet.tlv(<<1, 0, 2, "hi", 7, 0, 0, 2, 0, 1, "x">>))
IO.inspect(Packet.header("GET /index.html"))
IO.inspect(Packet.header("POST /form"))
IO.inspect(Packet.header("DELETE /x"))
IO.inspect(Packet.count_chars("héllo wörld", 0))
IO.inspect(Packet.chars("aé€😀"))
IO.inspect(Packet.bytes("hé"))
IO.inspect(Packet.flags(<<0b10111111>>))

<<a, b, c>> = "xyz"
IO.inspect({a, b, c})
<<x::16, y::16-little>> = <<1, 2, 1, 2>>
IO.inspect({x, y})
<<s::8-signed, u::8-unsigned>> = <<255, 255>>
IO.inspect({s, u})
<<s16::signed-little-16>> = <<254, 255>>
IO.inspect(s16)
<<h::4, l::4>> = <<0xA5>>
IO.inspect({h, l})
<<v::little-size(12), w::4>> = <<0x12, 0x34>>
IO.inspect({v, w})
<<f::float>> = <<64, 9, 33, 251, 84, 68, 45, 24>>
IO.inspect(f)
<<g::float-32, k::float-16-little>> = <<63, 192, 0, 0, 0, 62>>
IO.inspect({g, k})
<<e::utf16, rest::binary>> = <<216, 61, 222, 0, 0, 65>>
IO.inspect({e, rest})
<<e32::utf32-little>> = <<0, 246, 1, 0>>
IO.inspect(e32)
<<"ab", tail::bytes>> = "abcdef"
IO.inspect(tail)
<<first::binary-size(2), mid::binary-size(2), last::bits>> = "abcdef"
IO.inspect({first, mid, last})
n = 2
<<p::binary-size(n), _::binary>> = "xyz"
IO.inspect(p)
<<q::size(n * 4), _::bits>> = "xyz"
IO.inspect(q)
<<big::96>> = <<1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>>
IO.inspect(big)
<<nb::signed-72>> = <<255, 255, 255, 255, 255, 255, 255, 255, 0>>
IO.inspect(nb)
<<1, 2, z>> = <<1, 2, 3>>
IO.inspect(z)
<<^a, _::binary>> = "xylophone"
IO.inspect(:pinned_ok)
<<same, same>> = <<7, 7>>
IO.inspect(same)

m = case <<1, 2, 3>> do
  <<1, 2>> -> :two
  <<1, _::binary>> = all -> {:starts_with_one, all}
end
IO.inspect(m)

r = case "hello" do
  <<c::utf8, _::binary>> when c > 200 -> :big
  <<c::utf8, _::binary>> when c in ?a..?z -> {:lower, c}
end
IO.inspect(r)

f2 = fn
  <<n::8, _::binary>> when n > 100 -> :high
  <<_::8, _::binary>> -> :low
  <<>> -> :empty
end
IO.inspect(Enum.map([<<200>>, <<1, 2>>, <<>>], f2))

IO.inspect(match?(<<_::binary-size(4)>>, "abcd"))
IO.inspect(match?(<<_::binary-size(4)>>, "abc"))
IO.inspect(match?(<<_::utf8>>, <<255>>))
IO.inspect(match?(<<_::float>>, <<255, 255, 255, 255, 255, 255, 255, 255>>))
