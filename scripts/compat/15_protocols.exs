# feature: Protocols: defprotocol, defimpl, @derive, fallback
# case: defprotocol and defimpl
defprotocol Size do
  def size(x)
end
defimpl Size, for: BitString do
  def size(s), do: byte_size(s)
end
defimpl Size, for: List do
  def size(l), do: length(l)
end
IO.inspect({Size.size("abc"), Size.size([1, 2])})
# case: String.Chars and Inspect for a struct
defmodule Pt do
  defstruct x: 0, y: 0
end
defimpl String.Chars, for: Pt do
  def to_string(p), do: "(#{p.x}, #{p.y})"
end
defimpl Inspect, for: Pt do
  def inspect(p, _), do: "#Pt<#{p.x}>"
end
IO.puts("#{struct(Pt, x: 1, y: 2)}")
IO.inspect(struct(Pt, x: 1))
# case: Enumerable for a struct
defmodule Cnt do
  defstruct n: 3
end
defimpl Enumerable, for: Cnt do
  def reduce(%Cnt{n: n}, acc, fun), do: Enumerable.reduce(Enum.to_list(1..n), acc, fun)
  def count(%Cnt{n: n}), do: {:ok, n}
  def member?(_, _), do: {:error, __MODULE__}
  def slice(_), do: {:error, __MODULE__}
end
IO.inspect({Enum.map(struct(Cnt), &(&1 * 2)), Enum.count(struct(Cnt)), Enum.take(struct(Cnt, n: 5), 2)})
# case: fallback_to_any and derive
defprotocol Desc do
  @fallback_to_any true
  def desc(x)
end
defimpl Desc, for: Any do
  def desc(_), do: :any
end
defmodule D1 do
  @derive [Desc]
  defstruct a: 1
end
IO.inspect({Desc.desc(1), Desc.desc(struct(D1))})
# case: Protocol.UndefinedError
try do
  Size.size(1)
rescue
  e -> IO.inspect(e.__struct__)
end
