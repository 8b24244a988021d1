# Module-body comprehensions defining functions with unquote fragments (def f(unquote(k)),
# def unquote(name)(x), attributes, nested for, guards), and calls run at compile time.
# (The modules come first: retort compiles the whole file before running it, so output
# printed at compile time comes before the script's.)
defmodule Pairs do
  @pairs [x: 10, y: 20]
  for {k, v} <- [a: 1, b: 2] do
    def f(unquote(k)), do: unquote(v)
  end
  for {k, v} <- @pairs do
    def g(unquote(k)), do: unquote(v) * 2
  end
  for name <- [:foo, :bar] do
    def unquote(name)(x), do: {unquote(name), x}
  end
  for n <- 1..3 do
    def unquote(:"get_#{n}")(), do: unquote(n)
  end
end
defmodule Colors do
  @moduledoc "colors"
  @colors %{red: "#f00", green: "#0f0"}
  IO.puts("compiling Colors")
  for {name, hex} <- @colors do
    @doc "The hex of #{name}"
    def hex(unquote(name)), do: unquote(hex)
    upper = name |> Atom.to_string() |> String.upcase()
    def upper(unquote(name)), do: unquote(upper)
  end
  def hex(_), do: nil

  for a <- [1, 2], b <- [:x, :y], a > 1 do
    def pair(unquote(a), unquote(b)), do: {unquote(a), unquote(b)}
  end

  for op <- [:add, :sub] do
    fun = if op == :add, do: :+, else: :-
    def unquote(op)(a, b), do: unquote(fun)(a, b)
  end

  for n <- 1..2 do
    for m <- 1..2 do
      def unquote(String.to_atom("m#{n}#{m}"))(), do: unquote(n * m)
    end
  end

  for {k, v} <- [one: %{a: 1}, two: {1, 2, 3}] do
    defp priv(unquote(k)), do: unquote(Macro.escape(v))
  end
  def pub(k), do: priv(k)

  for x <- [1, 2, 3], do: def(sq(unquote(x)), do: unquote(x * x))

  for g <- [:int, :atom] do
    def kind(x) when unquote(:"is_#{g}#{if g == :int, do: "eger", else: ""}")(x), do: unquote(g)
  end
end

IO.inspect Pairs.f(:a)
IO.inspect Pairs.f(:b)
IO.inspect Pairs.g(:y)
IO.inspect Pairs.foo(1)
IO.inspect Pairs.bar(2)
IO.inspect Pairs.get_2()
IO.inspect Colors.hex(:red)
IO.inspect Colors.hex(:blue)
IO.inspect Colors.upper(:green)
IO.inspect Colors.pair(2, :y)
IO.inspect Colors.add(5, 3)
IO.inspect Colors.sub(5, 3)
IO.inspect {Colors.m11(), Colors.m12(), Colors.m22()}
IO.inspect Colors.pub(:one)
IO.inspect Colors.pub(:two)
IO.inspect Colors.sq(3)
IO.inspect Colors.kind(:a)
IO.inspect Colors.kind(1)
IO.inspect Colors.__info__(:functions)
try do
  Colors.pair(1, :x)
rescue
  e -> IO.puts(Exception.message(e))
end
