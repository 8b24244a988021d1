# feature: Behaviours: @callback, @behaviour, @impl
# case: callback and impl
defmodule Shape do
  @callback area(term) :: number
end
defmodule Sq do
  @behaviour Shape
  @impl true
  def area(s), do: s * s
end
IO.inspect(Sq.area(3))
