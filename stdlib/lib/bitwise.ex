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

  # The operators (macros in Elixir; calls are compiled straight to the :erlang BIFs, these
  # definitions serve captures and apply/3)
  @doc "Bitwise AND operator."
  def left &&& right, do: :erlang.band(left, right)
  @doc "Bitwise OR operator."
  def left ||| right, do: :erlang.bor(left, right)
  @doc "Bitwise XOR operator."
  def left ^^^ right, do: :erlang.bxor(left, right)
  @doc "Arithmetic shift left operator."
  def left <<< right, do: :erlang.bsl(left, right)
  @doc "Arithmetic shift right operator."
  def left >>> right, do: :erlang.bsr(left, right)
  @doc "Bitwise NOT unary operator."
  def ~~~expr, do: :erlang.bnot(expr)
end
