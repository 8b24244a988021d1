# Structs of issue 12: defaults computed from any expression (evaluated by __struct__/0),
# field lists from module attributes and from expressions, @enforce_keys with them.
defmodule Tagged do
  @initial [:new]
  defstruct tags: MapSet.new(@initial), items: [], count: 0, name: String.upcase("item")

  def add(%Tagged{} = t, tag), do: %{t | tags: MapSet.put(t.tags, tag), count: t.count + 1}
end

defmodule Fields do
  @fields [:a, :b, c: 3]
  defstruct @fields
end

defmodule Computed do
  defstruct Enum.map([:x, :y], &{&1, 0}) ++ [z: nil]
end

defmodule Ordered do
  defstruct Enum.map([:zeta, :alpha, :mid], &{&1, Atom.to_string(&1)})
end

defmodule Mixed do
  alias Tagged, as: T
  defstruct [:a, b: 1 + 1, c: [1, 2] |> Enum.sum(), t: %T{}]
end

defmodule Enforced do
  @enforce_keys [:id]
  defstruct [:id, created: List.duplicate(0, 2)]
end

defmodule Err do
  defexception message: "default " <> String.duplicate("!", 2)
end

defmodule Use do
  def run do
    t = Tagged.add(%Tagged{}, :x)
    IO.inspect(t)
    IO.inspect(MapSet.to_list(t.tags))
    IO.inspect(%Tagged{count: 5, name: "other"})
    IO.inspect(%Fields{a: 1})
    IO.inspect(%Computed{y: 2})
    IO.inspect(%Ordered{mid: 1})
    IO.inspect(%Mixed{})
    IO.inspect(struct(Enforced, id: 1))
    IO.inspect(%Enforced{id: 7})
    %Tagged{count: n, tags: tags} = %Tagged{count: 2}
    IO.inspect({n, MapSet.size(tags)})
    IO.inspect(Map.keys(%Computed{}))
    IO.inspect(Exception.message(%Err{}))
    try do
      raise Err
    rescue
      e in Err -> IO.inspect(e.message, label: "rescued")
    end
    try do
      struct!(Enforced, [])
    rescue
      e in ArgumentError -> IO.puts(Exception.message(e))
    end
  end
end

Use.run()
