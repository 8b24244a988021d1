# Calling a macro of another module without `require` is a plain remote call, which fails at
# run time with UndefinedFunctionError's hint; require, import and `require ..., as:` expand it.
defmodule Mac do
  defmacro twice(x), do: quote(do: unquote(x) * 2)
  defmacrop hidden(x), do: x
  def plain(x), do: x + 1
  def uses_hidden, do: hidden(:ok)
end

defmodule NoRequire do
  def go, do: Mac.twice(4)
end

defmodule WithRequire do
  require Mac
  def go, do: Mac.twice(4)
end

defmodule WithAlias do
  require Mac, as: M
  def go, do: M.twice(5)
end

defmodule WithImport do
  import Mac
  def go, do: {twice(6), Mac.twice(7)}
end

IO.inspect WithRequire.go()
IO.inspect WithAlias.go()
IO.inspect WithImport.go()
IO.inspect Mac.uses_hidden()
IO.inspect Mac.__info__(:macros)
IO.inspect Mac.__info__(:functions)

try do
  NoRequire.go()
rescue
  e in UndefinedFunctionError -> IO.puts(Exception.message(e))
end

try do
  apply(Mac, :hidden, [1])
rescue
  e in UndefinedFunctionError -> IO.puts(Exception.message(e))
end

NoRequire.go()
