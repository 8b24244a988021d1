# feature: Binaries (byte-aligned `<<>>`): construction, matching, types, utf8
# case: construction with types and sizes
IO.inspect({<<1, 2::16, 3::little-32>>, <<"é"::utf8, 0x1F600::utf8>>, <<1.5::float>>, <<-1::signed-16>>})
# case: matching with types
<<x::16-big, y::signed-8, rest::binary>> = <<1, 2, 255, 5>>
IO.inspect({x, y, rest})
# case: utf8 and binary functions
<<c::utf8, _::binary>> = "ü!"
IO.inspect({c, byte_size("ü"), :binary.part("hello", 1, 3), :binary.split("a,b", ",")})
