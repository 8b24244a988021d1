# Custom sigils (def and defmacro sigil_x, imported and local) and the built-in ones with modifiers.
defmodule MySigils do
  def sigil_x(string, []), do: String.upcase(string)
  def sigil_x(string, mods), do: {String.reverse(string), mods}
  defmacro sigil_m(term, _mods) do
    {:<<>>, _, [s]} = term
    String.to_integer(s) * 2
  end
  def local, do: ~x"inside"
end

defmodule UseSigils do
  import MySigils
  def run do
    IO.inspect ~x"hello"
    IO.inspect ~x(abc)ab
    IO.inspect ~x[with #{1 + 1} interp]
    IO.inspect ~m(21)
  end
end
UseSigils.run()
IO.inspect MySigils.local()
IO.inspect ~w(a b c)a
IO.inspect ~w(a b c)c
IO.inspect ~w(a b c)s
IO.inspect ~w(a b c)
IO.inspect ~c(abc)
IO.inspect ~C(a#{b})
IO.inspect ~S(a#{b}\n)
IO.inspect ~s(x#{1}y)
IO.inspect Regex.match?(~r/ABC/i, "xabcx")
IO.inspect Regex.run(~r/a.b/s, "a\nb")
IO.inspect Regex.scan(~r/^x/m, "x\nx")
IO.inspect ~r/a b/x
IO.inspect ~r/(?<n>\d+)/u
IO.inspect Regex.run(~r/a+?/U, "aaa")
IO.inspect ~W(a#{b} c)a
defmodule Late do
  import MySigils, only: [sigil_x: 2]
  def go, do: ~x/slash/ <> ~x|pipe| <> ~x'quote' <> ~x"""
  heredoc
  """
end
IO.inspect Late.go()
