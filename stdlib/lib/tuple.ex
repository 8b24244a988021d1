defmodule Tuple do
  @moduledoc "Functions on tuples."

  @doc """
  Converts a tuple to a list.

      iex> Tuple.to_list({:a, 1})
      [:a, 1]
  """
  def to_list(tuple), do: :erlang.tuple_to_list(tuple)
  @doc """
  Returns `tuple` with `x` added at the end.

      iex> Tuple.append({1, 2}, 3)
      {1, 2, 3}
  """
  def append(tuple, x), do: :erlang.list_to_tuple(:erlang.tuple_to_list(tuple) ++ [x])

  @doc """
  Returns `tuple` with `x` inserted at the zero-based `index`.
  """
  def insert_at(tuple, index, x) do
    List.to_tuple(List.insert_at(:erlang.tuple_to_list(tuple), index, x))
    |> check_index(tuple, index, 0)
  end

  @doc """
  Returns `tuple` without the element at the zero-based `index`.
  """
  def delete_at(tuple, index) do
    List.to_tuple(List.delete_at(:erlang.tuple_to_list(tuple), index))
    |> check_index(tuple, index, 1)
  end

  defp check_index(result, tuple, index, extra) do
    if index < 0 or index > tuple_size(tuple) - extra, do: :erlang.error(:badarg), else: result
  end

  @doc """
  Returns a tuple of `n` copies of `x`.

      iex> Tuple.duplicate(:x, 3)
      {:x, :x, :x}
  """
  def duplicate(x, n), do: :erlang.make_tuple(n, x)

  @doc """
  Adds up the elements of a tuple of numbers.
  """
  def sum(tuple), do: Enum.sum(to_list(tuple))
  @doc """
  Multiplies the elements of a tuple of numbers.
  """
  def product(tuple), do: Enum.product(to_list(tuple))
end
