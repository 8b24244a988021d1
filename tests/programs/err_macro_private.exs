# A private macro cannot be called from outside its module: a remote call, undefined at run time.
defmodule Priv2 do
  defmacrop twice(x), do: quote(do: unquote(x) * 2)
  def run(y), do: twice(y)
end

defmodule Caller do
  def go, do: Priv2.twice(3)
end

IO.inspect Priv2.run(1)
IO.inspect Caller.go()
