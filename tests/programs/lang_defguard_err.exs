# A defguard used in ordinary code raises what its expression raises; in a guard it fails.
defmodule Div do
  defguard is_div3(x) when rem(x, 3) == 0

  def tag(x) when is_div3(x), do: :div3
  def tag(_), do: :other

  def check(x), do: is_div3(x)
end

IO.inspect({Div.tag(9), Div.tag(:a)})
IO.inspect(Div.check(6))
IO.inspect(Div.check(:a))
