# Macro.expand/2 and Macro.expand_once/2 of Kernel's own macros (if, unless, &&, ||, !, |>,
# in, <>, raise, ...), printed with Macro.to_string/1, as Elixir 1.14 expands them.
defmodule KernelExpand do
  def run do
    for q <- [
      quote(do: unless(a, do: b)),
      quote(do: unless(a, do: b, else: c)),
      quote(do: if(a, do: b)),
      quote(do: if(a, do: b, else: c)),
      quote(do: x |> f()),
      quote(do: x |> f(1) |> g()),
      quote(do: a && b),
      quote(do: a || b),
      quote(do: !a),
      quote(do: a != b),
      quote(do: a in [1, 2]),
      quote(do: a in 1..3),
      quote(do: is_nil(a)),
      quote(do: a <> b),
      quote(do: to_string(a)),
      quote(do: match?({:ok, _}, a)),
      quote(do: a |> Enum.map(&(&1 * 2))),
      quote(do: raise "x"),
      quote(do: raise(ArgumentError, "x")),
      quote(do: then(a, fn x -> x end)),
      quote(do: get_in(a, [:b])),
      quote(do: Kernel.if(a, do: b)),
      quote(do: not a),
      quote(do: a and b),
      quote(do: a or b),
      quote(do: left..right),
      quote(do: tap(a, &IO.inspect/1)),
      quote(do: destructure([a, b], x)),
      quote(do: Kernel.if(a, do: b)),
      quote(do: not a),
      quote(do: a and b),
      quote(do: a or b),
      quote(do: left..right),
      quote(do: 1..3),
      quote(do: tap(a, &IO.inspect/1)),
      quote(do: destructure([a, b], x)),
      quote(do: f(x) in [1, 2]),
      quote(do: a in [:a, "b", 1.0, x]),
      quote(do: a in xs),
      quote(do: a in []),
      quote(do: !!a),
      quote(do: !(a == b)),
      quote(do: if(a == b, do: 1)),
      quote(do: "a" <> b),
      quote(do: a <> "b" <> c),
      quote(do: raise(e)),
      quote(do: raise(ArgumentError)),
      quote(do: raise(ArgumentError, message: "x")),
      quote(do: x |> (&(&1 + 1)).()),
      quote(do: x |> Mod.f(y)),
      quote(do: match?(x when x > 1, a)),
      quote(do: is_nil(a) || b),
      quote(do: unless(a, do: (x = 1; x))),
      quote(do: var!(a)),
      quote(do: to_charlist(a)),
      quote(do: elem(a, 0)),
      quote(do: a |> b |> c)
        ] do
      IO.puts(Macro.to_string(Macro.expand_once(q, __ENV__)))
      IO.puts(Macro.to_string(Macro.expand(q, __ENV__)))
      IO.puts("--")
    end
  end
end

KernelExpand.run()

# The pipeline helpers behind |>.
IO.inspect(Macro.unpipe(quote(do: a |> f(1) |> g())))
IO.puts(Macro.to_string(Macro.pipe(quote(do: x), quote(do: f(1, 2)), 1)))
IO.puts(Macro.to_string(Macro.pipe(quote(do: x), quote(do: foo), 0)))
try do
  Macro.pipe(quote(do: x), quote(do: 1 + 2), 0)
rescue
  e in ArgumentError -> IO.puts(Exception.message(e))
end
