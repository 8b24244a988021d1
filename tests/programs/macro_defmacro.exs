defmodule Mac do
  defmacro twice(x), do: quote(do: unquote(x) * 2)
  defmacro show(expr) do
    IO.inspect(expr)
    s = Macro.to_string(expr)
    quote do
      IO.puts(unquote(s) <> " = " <> inspect(unquote(expr)))
    end
  end
  defmacro my_unless(c, do: body) do
    quote do
      if unquote(c), do: nil, else: unquote(body)
    end
  end
  defmacro hyg do
    quote do
      x = 100
      x
    end
  end
  defmacro set_x(v) do
    quote do
      var!(x) = unquote(v)
    end
  end
end
defmodule UseMac do
  require Mac
  def go, do: Mac.twice(4)
  def show, do: Mac.show(1 + 2 * 3)
  def u(v), do: Mac.my_unless(v > 1, do: :small)
  def h do
    x = 1
    y = Mac.hyg()
    {x, y}
  end
  def s do
    Mac.set_x(42)
    x
  end
end
IO.inspect(UseMac.go())
UseMac.show()
IO.inspect UseMac.u(0)
IO.inspect UseMac.u(5)
IO.inspect UseMac.h()
IO.inspect UseMac.s()
