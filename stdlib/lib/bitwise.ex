defmodule Bitwise do
  @moduledoc "Bitwise operations on integers (as functions: `Bitwise.band(a, b)`)."

  @doc "Bitwise AND."
  def band(a, b), do: :erlang.band(a, b)
  @doc "Bitwise OR."
  def bor(a, b), do: :erlang.bor(a, b)
  @doc "Bitwise XOR."
  def bxor(a, b), do: :erlang.bxor(a, b)
  @doc "Bitwise NOT."
  def bnot(a), do: :erlang.bnot(a)
  @doc "Arithmetic shift left."
  def bsl(a, b), do: :erlang.bsl(a, b)
  @doc "Arithmetic shift right."
  def bsr(a, b), do: :erlang.bsr(a, b)
end
