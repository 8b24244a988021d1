defmodule Parse do
  def pair(s) do
    [a, b] = String.split(s, ",")
    {a, b}
  end
end
IO.inspect(Parse.pair("x,y"))
IO.inspect(Parse.pair("x,y,z"))
IO.puts("not reached")
