# A macro used in the module that defines it, after its definition (defmacrop helpers),
# macros that call the module's private functions, and __info__(:macros).
defmodule Local do
  defmacrop twice(x) do
    quote do
      unquote(x) * 2
    end
  end

  defmacro sq(x) do
    quote do: unquote(x) * unquote(x)
  end

  defmacro tagged(name) do
    t = tag(name)
    quote do: {unquote(t), unquote(name)}
  end

  defp tag(name) when is_atom(name), do: :atom
  defp tag(_), do: :other

  def f(y), do: twice(y) + 1
  def g(y), do: sq(y + 1)
  def h(y), do: helper(y)
  defp helper(y), do: twice(sq(y))
  def k, do: [tagged(:a), tagged("b")]
  def nested(list), do: Enum.map(list, fn x -> twice(x) end)
end

defmodule Other do
  require Local
  def go, do: Local.sq(7)
  def t, do: Local.tagged(1)
end

IO.puts Local.f(5)
IO.puts Local.g(2)
IO.puts Local.h(3)
IO.inspect Local.k()
IO.inspect Local.nested([1, 2, 3])
IO.inspect Other.go()
IO.inspect Other.t()
IO.inspect Local.__info__(:macros)
IO.inspect Local.__info__(:functions)
