defmodule Deep do
  def a(x), do: b(x) + 1
  def b(x), do: c(x) + 1
  def c(x), do: 10 / x
end
try do
  Deep.a(0)
rescue
  e ->
    [{m, f, arity, loc} | _] = __STACKTRACE__
    IO.inspect({e.__struct__, m, f, arity})
    IO.inspect(Keyword.get(loc, :line))
    IO.inspect(Enum.take(Enum.map(__STACKTRACE__, fn {m, f, a, _} -> {m, f, a} end), 3))
    IO.puts(Exception.format_stacktrace_entry(hd(__STACKTRACE__)))
end
defmodule Wrap do
  def run(f) do
    try do
      f.()
    rescue
      e in ArithmeticError ->
        reraise RuntimeError, [message: "wrapped: " <> Exception.message(e)], __STACKTRACE__
    end
  end
end
try do
  Wrap.run(fn -> Deep.c(0) end)
rescue
  e ->
    IO.puts(Exception.message(e))
    {m, f, a, _} = hd(__STACKTRACE__)
    IO.inspect({m, f, a})
end
try do
  try do
    raise ArgumentError, "inner"
  rescue
    e -> reraise e, __STACKTRACE__
  end
rescue
  e in ArgumentError -> IO.puts("outer got: " <> e.message)
end
