defmodule Tuple do
  @moduledoc "Functions on tuples."

  def to_list(tuple), do: :erlang.tuple_to_list(tuple)
  def append(tuple, x), do: :erlang.list_to_tuple(:erlang.tuple_to_list(tuple) ++ [x])

  def insert_at(tuple, index, x) do
    List.to_tuple(List.insert_at(:erlang.tuple_to_list(tuple), index, x))
    |> check_index(tuple, index, 0)
  end

  def delete_at(tuple, index) do
    List.to_tuple(List.delete_at(:erlang.tuple_to_list(tuple), index))
    |> check_index(tuple, index, 1)
  end

  defp check_index(result, tuple, index, extra) do
    if index < 0 or index > tuple_size(tuple) - extra, do: :erlang.error(:badarg), else: result
  end

  def duplicate(x, n), do: :erlang.make_tuple(n, x)

  def sum(tuple), do: Enum.sum(to_list(tuple))
  def product(tuple), do: Enum.product(to_list(tuple))
end
