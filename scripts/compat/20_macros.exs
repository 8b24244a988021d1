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
# case: Code.eval_string
IO.inspect(Code.eval_string("1 + x", x: 2))
