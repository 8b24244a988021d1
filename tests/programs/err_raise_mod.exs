defmodule V do
  def validate(x) do
    if is_integer(x), do: x, else: raise(ArgumentError, "not an integer: #{inspect(x)}")
  end
end
IO.inspect(V.validate(1))
IO.inspect(V.validate("1"))
