defmodule G do
  def first(t) when is_tuple(t) and tuple_size(t) > 0 and elem(t, 0) == :ok, do: {:ok_tuple, elem(t, 1)}
  def first(t) when tuple_size(t) == 0, do: :empty_tuple
  def first(l) when is_list(l) and length(l) > 2, do: {:long, hd(l), tl(l)}
  def first([h | _]) when is_integer(h) and h > 0, do: {:pos_head, h}
  def first(m) when map_size(m) == 0, do: :empty_map
  def first(m) when is_map(m) and map_size(m) >= 2, do: {:big_map, map_size(m)}
  def first(x), do: {:other, x}

  # hd of a non-list raises inside the guard -> clause just doesn't match
  def safe(x) when hd(x) == 1, do: :head_is_one
  def safe(x) when elem(x, 1) == 2, do: :second_is_two
  def safe(x) when length(x) == 0, do: :empty
  def safe(x) when map_size(x) == 1, do: :one_key
  def safe(_), do: :fallback
end

IO.inspect(G.first({:ok, 5}))
IO.inspect(G.first({}))
IO.inspect(G.first({:error, 1}))
IO.inspect(G.first([1, 2, 3, 4]))
IO.inspect(G.first([7]))
IO.inspect(G.first([-7]))
IO.inspect(G.first(%{}))
IO.inspect(G.first(%{a: 1, b: 2}))
IO.inspect(G.first(%{a: 1}))
IO.inspect(G.safe([1, 2]))
IO.inspect(G.safe({1, 2}))
IO.inspect(G.safe([]))
IO.inspect(G.safe(%{x: 1}))
IO.inspect(G.safe(:atom))
IO.inspect(G.safe({1}))
IO.inspect(G.safe("string"))
