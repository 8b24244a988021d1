# retort-only: Elixir cannot doctest a module defined in a script (its docs are not on disk).
# The output is mix test's for the same module in lib/calc.ex (checked by hand), except the
# stacktrace line, which points at the doctest line here instead of the example's line.
ExUnit.start(seed: 0)

defmodule Calc do
  @moduledoc """
  Calculator.

      iex> Calc.add(1, 1)
      2
  """

  @doc """
  Adds.

  ## Examples

      iex> Calc.add(1, 2)
      3

      iex> x = 5
      iex> Calc.add(x,
      ...>   10)
      15

      iex> Calc.add(1, 1)
      3
  """
  def add(a, b), do: a + b

  @doc """
      iex> Calc.boom()
      ** (ArgumentError) bad
  """
  def boom, do: raise(ArgumentError, "bad")

  @doc """
      iex> %{a: 1}
      %{a: 1}
      iex> [1, 2] ++ [3]
      [1, 2, 3]
  """
  def m, do: 1
end

defmodule CalcTest do
  use ExUnit.Case
  doctest Calc
end
