# Base: encode/decode 16, 32, hex32, 64 and url64 with their options, and the errors of the
# `!` variants as Elixir raises them.
t = fn label, f ->
  try do
    IO.inspect(f.(), label: label)
  rescue
    e -> IO.puts("#{label}: #{inspect(e.__struct__)} #{Exception.message(e)}")
  end
end

data = <<0, 1, 2, 127, 128, 250, 255>>
for d <- ["", "f", "fo", "foo", "foob", "fooba", "foobar", data] do
  IO.inspect({Base.encode16(d), Base.encode32(d), Base.hex_encode32(d), Base.encode64(d), Base.url_encode64(d)}, label: inspect(d))
  {:ok, ^d} = Base.decode16(Base.encode16(d))
  {:ok, ^d} = Base.decode32(Base.encode32(d))
  {:ok, ^d} = Base.hex_decode32(Base.hex_encode32(d))
  {:ok, ^d} = Base.decode64(Base.encode64(d))
  {:ok, ^d} = Base.url_decode64(Base.url_encode64(d))
  ^d = Base.decode64!(Base.encode64(d, padding: false), padding: false)
  ^d = Base.decode32!(Base.encode32(d, padding: false, case: :lower), padding: false, case: :lower)
end

t.("encode16 lower", fn -> Base.encode16("hello", case: :lower) end)
t.("encode32 lower", fn -> Base.encode32("hello", case: :lower) end)
t.("hex_encode32 lower", fn -> Base.hex_encode32("abc", case: :lower) end)
t.("encode64 no padding", fn -> Base.encode64(<<255, 254, 253, 1>>, padding: false) end)
t.("url_encode64 no padding", fn -> Base.url_encode64(<<255, 254, 253, 1>>, padding: false) end)
t.("encode32 no padding", fn -> Base.encode32("abc", padding: false) end)
t.("decode16 mixed", fn -> Base.decode16!("aBcD", case: :mixed) end)
t.("decode16 lower", fn -> Base.decode16("abcd", case: :lower) end)
t.("decode16 wrong case", fn -> Base.decode16("abcd") end)
t.("decode64 whitespace", fn -> Base.decode64!("YW Jj\nZA==", ignore: :whitespace) end)
t.("decode64 non-canonical", fn -> Base.decode64!("YR==") end)
t.("decode64 padding optional", fn -> Base.decode64!("YQ==", padding: false) end)
t.("url_decode64", fn -> Base.url_decode64!("_-8=") end)
t.("decode32 mixed", fn -> Base.decode32!("MfRgG===", case: :mixed) end)
t.("decode64 error", fn -> Base.decode64("YQ==x") end)
t.("decode32 error", fn -> Base.decode32("MFRGG") end)

t.("decode16! bad char", fn -> Base.decode16!("zz") end)
t.("decode16! odd length", fn -> Base.decode16!("abc") end)
t.("decode16! lower in upper", fn -> Base.decode16!("ab") end)
t.("decode16! upper in lower", fn -> Base.decode16!("AB", case: :lower) end)
t.("decode16! high byte", fn -> Base.decode16!(<<200, 65>>) end)
t.("decode64! padding", fn -> Base.decode64!("YWJj=") end)
t.("decode64! bad char", fn -> Base.decode64!("YW*j") end)
t.("decode64! short", fn -> Base.decode64!("YWI") end)
t.("decode64! short no padding", fn -> Base.decode64!("YWI", padding: false) end)
t.("decode64! misplaced =", fn -> Base.decode64!("YQ=a") end)
t.("decode64! too many =", fn -> Base.decode64!("Y===") end)
t.("decode64! one char", fn -> Base.decode64!("Y", padding: false) end)
t.("decode64! = without padding", fn -> Base.decode64!("YQ=", padding: false) end)
t.("decode64! whitespace not ignored", fn -> Base.decode64!("YW Jj") end)
t.("url_decode64! standard alphabet", fn -> Base.url_decode64!("/+8=") end)
t.("decode32! short", fn -> Base.decode32!("MFRGG") end)
t.("decode32! lower", fn -> Base.decode32!("mfrgg===") end)
t.("decode32! bad char", fn -> Base.decode32!("M1RGG===") end)
t.("decode32! bad padding", fn -> Base.decode32!("MFR=====") end)
t.("hex_decode32!", fn -> Base.hex_decode32!("C5H66===") end)
t.("decode16 not a binary", fn -> Base.decode16(1) end)
t.("encode64 not a binary", fn -> Base.encode64(:atom) end)
Base.decode64!("%%%%")
