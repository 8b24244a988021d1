defmodule Range do
  @moduledoc "Ranges: `%Range{first: f, last: l, step: s}`."

  defstruct first: nil, last: nil, step: nil

  def new(first, last) when is_integer(first) and is_integer(last) do
    %Range{first: first, last: last, step: if(last >= first, do: 1, else: -1)}
  end

  def new(first, last) do
    raise ArgumentError,
          "ranges (first..last) expect both sides to be integers, got: #{inspect(first)}..#{inspect(last)}"
  end

  def new(first, last, step) when is_integer(first) and is_integer(last) and is_integer(step) and step != 0 do
    %Range{first: first, last: last, step: step}
  end

  def new(first, last, step) do
    raise ArgumentError,
          "ranges (first..last//step) expect both sides to be integers and the step to be a non-zero integer, got: #{inspect(first)}..#{inspect(last)}//#{inspect(step)}"
  end

  def size(%{__struct__: Range, first: first, last: last, step: step}) do
    cond do
      step > 0 and first > last -> 0
      step < 0 and first < last -> 0
      true -> div(abs(last - first), abs(step)) + 1
    end
  end

  def disjoint?(r1, r2) do
    MapSet.disjoint?(MapSet.new(r1), MapSet.new(r2))
  end

  def shift(%{__struct__: Range, first: f, last: l, step: s}, n), do: new(f + n * s, l + n * s, s)
end
