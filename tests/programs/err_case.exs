defmodule Classify do
  def kind(x) do
    r = case x do
      n when is_integer(n) -> :int
      s when is_binary(s) -> :string
    end
    {r, x}
  end
end
IO.inspect(Classify.kind(1))
IO.inspect(Classify.kind("a"))
IO.inspect(Classify.kind(:atom))
