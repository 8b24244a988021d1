defmodule Point do
  defstruct x: 0, y: 0
end

defimpl String.Chars, for: Point do
  def to_string(%Point{x: x, y: y}), do: "(#{x}, #{y})"
end

defimpl Inspect, for: Point do
  import Inspect.Algebra
  def inspect(%Point{x: x, y: y}, opts) do
    concat(["#Point<", to_doc(x, opts), ",", to_doc(y, opts), ">"])
  end
end

defmodule Bag do
  defstruct items: []
  defimpl Enumerable do
    def reduce(%Bag{items: items}, acc, fun), do: Enumerable.List.reduce(items, acc, fun)
    def count(%Bag{items: items}), do: {:ok, length(items)}
    def member?(%Bag{items: items}, x), do: {:ok, x in items}
    def slice(_), do: {:error, __MODULE__}
  end
  defimpl Collectable do
    def into(%Bag{items: items}) do
      {items, fn
        acc, {:cont, x} -> [x | acc]
        acc, :done -> %Bag{items: Enum.reverse(acc)}
        _, :halt -> :ok
      end}
    end
  end
end

defmodule Main do
  def run do
    p = %Point{x: 1, y: 2}
    IO.puts("point: #{p}")
    IO.puts(to_string(p))
    IO.inspect(p)
    IO.inspect([p, %{a: p}, {p}])
    IO.puts(inspect(p))
    IO.puts(inspect([1, p]))
    IO.inspect(p, label: "lbl")
    b = %Bag{items: [1, 2, 3]}
    IO.inspect(Enum.map(b, &(&1 * 2)))
    IO.inspect(Enum.count(b))
    IO.inspect(Enum.member?(b, 2))
    IO.inspect(Enum.sum(b))
    IO.inspect(Enum.take(b, 2))
    IO.inspect(Enum.to_list(b))
    IO.inspect(Stream.map(b, &(&1 + 1)) |> Enum.to_list())
    IO.inspect(Enum.into([4, 5], %Bag{items: [0]}))
    IO.inspect(for x <- [7, 8], into: %Bag{}, do: x)
    IO.inspect(Enum.zip(b, [:a, :b, :c]))
  end
end
Main.run()
