# feature: Structs
# case: defstruct, update, match
defmodule P do
  defstruct name: "", age: 0
end
defmodule UseP do
  def go do
    p = %P{name: "a"}
    p2 = %{p | age: 3}
    %P{name: n} = p2
    {p2, n, p2.age, is_struct(p2, P)}
  end
end
IO.inspect(UseP.go())
# case: enforce_keys
defmodule Q do
  @enforce_keys [:id]
  defstruct [:id, v: 1]
end
IO.inspect(struct!(Q, id: 1))
# case: computed defaults
defmodule R do
  defstruct tags: MapSet.new(), list: Enum.map(1..2, & &1)
end
IO.inspect(struct(R))
# case: struct/2 and Map functions
defmodule S do
  defstruct a: 1, b: 2
end
IO.inspect({struct(S, a: 5), Map.from_struct(struct(S)), Map.keys(struct(S))})
