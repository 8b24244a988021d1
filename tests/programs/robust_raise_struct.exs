# An uncaught `raise` of an exception value known only at run time: the stack trace starts
# where `raise` was written, with no `Kernel` line.
defmodule Boom do
  def run(e), do: raise(e)
end

try do
  Boom.run(%ArgumentError{message: "caught"})
rescue
  e ->
    {m, f, a, loc} = hd(__STACKTRACE__)
    IO.inspect({m, f, a, Keyword.take(loc, [:file, :line])}, label: Exception.message(e))
end

raise %RuntimeError{}
