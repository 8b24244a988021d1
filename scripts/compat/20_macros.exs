# feature: Macros: defmacro, quote, unquote
# case: quote
IO.inspect(quote do: 1 + 2)
# case: defmacro
defmodule Mac do
  defmacro twice(x), do: quote(do: unquote(x) * 2)
end
defmodule UseMac do
  require Mac
  def go, do: Mac.twice(4)
end
IO.inspect(UseMac.go())
# case: unquote fragments in a module body
defmodule Frag do
  for {k, v} <- [a: 1, b: 2] do
    def get(unquote(k)), do: unquote(v)
  end
end
IO.inspect(Frag.get(:b))
# case: unquote fragments with a module attribute and computed function names
defmodule Frag2 do
  @pairs [x: 10, y: 20]
  for {k, v} <- @pairs do
    def unquote(:"get_#{k}")(), do: unquote(v)
  end
end
IO.inspect({Frag2.get_x(), Frag2.get_y()})
# case: Macro.expand of Kernel's own macros
IO.puts(Macro.to_string(Macro.expand(quote(do: unless(a, do: b)), __ENV__)))
IO.puts(Macro.to_string(Macro.expand(quote(do: x |> f(1) |> g()), __ENV__)))
IO.puts(Macro.to_string(Macro.expand(quote(do: a && b), __ENV__)))
# case: Code.eval_string
IO.inspect(Code.eval_string("1 + x", x: 2))
# case: Code.string_to_quoted and Code.eval_quoted
{:ok, q} = Code.string_to_quoted("a * 2 + b")
IO.inspect({q, Code.eval_quoted(q, a: 3, b: 1)})
# case: Macro.expand and Macro.expand_once
defmodule ExpM do
  defmacro double(x), do: quote(do: unquote(x) * 2)
  defmacro quad(x), do: quote(do: ExpM.double(ExpM.double(unquote(x))))
end
defmodule ExpUse do
  require ExpM
  def go do
    once = Macro.expand_once(quote(do: ExpM.quad(1)), __ENV__)
    full = Macro.expand(quote(do: ExpM.quad(1)), __ENV__)
    {Macro.to_string(once), Macro.to_string(full)}
  end
end
IO.inspect(ExpUse.go())
# case: defmacrop is not exported
defmodule PrivM do
  defmacrop twice(x), do: quote(do: unquote(x) * 2)
  def go(y), do: twice(y)
end
IO.inspect({PrivM.go(5), function_exported?(PrivM, :"MACRO-twice", 2), PrivM.__info__(:macros)})
# case: a macro in a guard and defguard
defmodule GuardM do
  defguard is_even(x) when is_integer(x) and rem(x, 2) == 0
  defmacro small(x), do: quote(do: unquote(x) < 10)
end
defmodule GuardUse do
  import GuardM
  def f(x) when is_even(x) and small(x), do: :small_even
  def f(_), do: :other
end
IO.inspect({GuardUse.f(4), GuardUse.f(12), GuardUse.f(3)})
# case: a macro in a function head pattern
defmodule PatM do
  defmacro pair(a, b), do: quote(do: {unquote(a), unquote(b)})
end
defmodule PatUse do
  import PatM
  def f(pair(a, b)), do: a + b
  def g(x), do: (case x do pair(:ok, v) -> v; _ -> :none end)
end
IO.inspect({PatUse.f({1, 2}), PatUse.g({:ok, 7}), PatUse.g(:x)})
