# feature: doctest (Elixir needs the module's BEAM file for its docs, so a script cannot run this under elixir)
# case: doctest of a module's @doc examples
ExUnit.start(autorun: false, formatters: [])
defmodule Doc do
  @doc """
      iex> Doc.add(1, 2)
      3
  """
  def add(a, b), do: a + b
end
defmodule DocTest do
  use ExUnit.Case
  doctest Doc
end
IO.inspect(ExUnit.run())
