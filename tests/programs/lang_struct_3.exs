defmodule Stack do
  defstruct items: [], size: 0

  def new, do: %__MODULE__{}
  def push(%Stack{items: i, size: s} = st, x), do: %{st | items: [x | i], size: s + 1}
  def pop(%Stack{items: []}), do: {:error, :empty}
  def pop(%Stack{items: [h | t], size: s} = st), do: {:ok, h, %{st | items: t, size: s - 1}}
end

defmodule Pair do
  defstruct [:left, :right]
  def swap(%Pair{left: l, right: r}), do: %Pair{left: r, right: l}
end

defmodule Main do
  def run do
    s = Stack.new() |> Stack.push(1) |> Stack.push(2) |> Stack.push(3)
    IO.inspect(s)
    {:ok, top, s} = Stack.pop(s)
    IO.inspect({top, s.size})
    IO.inspect(Stack.pop(Stack.new()))
    p = %Pair{left: :l, right: %Pair{left: 1, right: 2}}
    IO.inspect(p)
    IO.inspect(Pair.swap(p))
    IO.inspect(p.right.left)
    IO.inspect(Map.get(p, :left))
    IO.inspect(Map.fetch(p, :nope))
    IO.inspect(p |> Map.to_list())
    IO.inspect(Enum.map([%Pair{left: 1}, %Pair{right: 2}], & &1.left))
    IO.inspect(%Pair{} == %Pair{left: nil, right: nil})
    IO.inspect(Map.merge(%Pair{}, %{left: 5}))
    IO.inspect(%{p | left: [1, 2, 3]})
    IO.inspect(inspect(%Pair{}, structs: false))
    IO.inspect(Stack.__struct__() |> Map.keys())
    IO.inspect(Pair.__info__(:struct) |> Enum.map(& &1.field))
    IO.inspect(is_struct(p))
    IO.inspect(is_struct(p, Pair))
    IO.inspect(is_struct(p, Stack))
    IO.inspect(is_struct(%{}))
    try do
      %{p | missing: 1}
    rescue
      e in KeyError -> IO.inspect(e.key)
    end
  end
end

Main.run()
