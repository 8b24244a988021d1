# feature: Sigils
# case: strings, charlists, words
IO.inspect({~s(a "b"), ~S(no #{x}), ~c(ab), ~w(a b c), ~w(a b)a, ~w(x)c})
# case: regex with modifiers
IO.inspect({Regex.run(~r/(\d+)-(\d+)/, "10-20"), String.match?("ABC", ~r/abc/i), Regex.scan(~r/\w/u, "é!")})
# case: PCRE backreference and look-around
IO.inspect({Regex.match?(~r/(\w)\1/, "hello"), Regex.run(~r/(?<=\$)\d+/, "cost $42")})
# case: calendar sigils
IO.inspect({~D[2024-02-29], ~T[12:30:00], ~N[2024-01-01 00:00:00], ~U[2024-01-01 00:00:00Z]})
# case: custom sigil
defmodule Sig do
  def sigil_i(s, []), do: String.to_integer(s)
end
defmodule UseSig do
  import Sig
  def go, do: ~i(42)
end
IO.inspect(UseSig.go())
# case: custom sigil with modifiers, in its own module, and a macro sigil
defmodule Sig2 do
  def sigil_u(s, mods), do: {String.upcase(s), mods}
  defmacro sigil_n(term, []) do
    {:<<>>, _, [s]} = term
    String.to_integer(s) + 1
  end
  def here, do: ~u"x#{1}"ab
end
defmodule UseSig2 do
  import Sig2
  def go, do: {~u[abc]z, ~n(41), Sig2.here()}
end
IO.inspect(UseSig2.go())
# case: ~w with interpolation and modifiers
x = "b"
IO.inspect({~w(a #{x} c)a, ~w(a #{x})c, ~W(a #{x})a})
