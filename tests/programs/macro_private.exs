# defmacrop: usable inside its module, not exported, not callable from outside.
defmodule Priv do
  defmacrop twice(x), do: quote(do: unquote(x) * 2)
  defmacro pub_twice(x), do: quote(do: unquote(x) + unquote(x))
  def run(y), do: twice(y) + 1
end

IO.inspect Priv.run(20)
IO.inspect Priv.__info__(:macros)
IO.inspect Priv.__info__(:functions)
IO.inspect macro_exported?(Priv, :twice, 1)
IO.inspect macro_exported?(Priv, :pub_twice, 1)
IO.inspect function_exported?(Priv, :"MACRO-twice", 2)
IO.inspect function_exported?(Priv, :"MACRO-pub_twice", 2)
IO.inspect Enum.sort(Priv.module_info(:exports))

defmodule Outside do
  require Priv
  def go, do: Priv.pub_twice(4)
end
IO.inspect Outside.go()
