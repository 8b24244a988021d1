# feature: Module attributes
# case: constants, in expressions and generators
defmodule At do
  @limit 3
  @alphabet ~w(a b c)
  def big?(x), do: x > @limit
  def letters, do: for(c <- @alphabet, do: String.upcase(c))
end
IO.inspect({At.big?(4), At.letters()})
# case: accumulate and @doc/@moduledoc
defmodule At2 do
  @moduledoc "Docs."
  Module.register_attribute(__MODULE__, :items, accumulate: true)
  @items 1
  @items 2
  @doc "A function."
  def items, do: @items
end
IO.inspect(At2.items())
# case: attribute computed from expressions
defmodule At3 do
  @squares Enum.map(1..3, &(&1 * &1))
  def squares, do: @squares
end
IO.inspect(At3.squares())
