defmodule Point do
  defstruct x: 0, y: 0

  def new(x, y), do: %Point{x: x, y: y}
  def add(%Point{x: x1, y: y1}, %Point{x: x2, y: y2}), do: %Point{x: x1 + x2, y: y1 + y2}
  def move(%__MODULE__{} = p, dx), do: %{p | x: p.x + dx}
  def origin?(%Point{x: 0, y: 0}), do: true
  def origin?(%Point{}), do: false
end

defmodule User do
  defstruct [:name, :email, age: 0, tags: []]
end

defmodule Main do
  def run do
    p = %Point{}
    IO.inspect(p)
    IO.inspect(%Point{x: 3})
    IO.inspect(Point.new(1, 2))
    IO.inspect(Point.add(Point.new(1, 2), Point.new(10, 20)))
    IO.inspect(Point.move(Point.new(1, 1), 5))
    IO.inspect(Point.origin?(%Point{}))
    IO.inspect(Point.origin?(%Point{y: 1}))
    q = %Point{p | y: 7}
    IO.inspect(q)
    IO.inspect(q.y)
    IO.inspect(q.__struct__)
    IO.inspect(Map.from_struct(q))
    IO.inspect(is_map(q))
    IO.inspect(map_size(q))
    IO.inspect(Map.keys(q))
    %Point{x: xx} = q
    IO.inspect(xx)
    %{x: via_map} = q
    IO.inspect(via_map)
    %name{} = q
    IO.inspect(name)
    u = %User{name: "Ann"}
    IO.inspect(u)
    IO.inspect(%User{u | tags: [:admin], age: 33})
    IO.inspect(%{u | email: "a@b.c"})
    IO.inspect(Map.put(u, :age, 5))
    IO.inspect(struct(User, name: "Bo", age: 2))
    IO.inspect(struct(u, age: 9))
    IO.inspect(Point.__struct__())
    IO.inspect(u == %User{name: "Ann"})
    IO.inspect(match?(%User{}, u))
    IO.inspect(match?(%Point{}, u))
    IO.inspect(match?(%{__struct__: User}, u))
    IO.puts("#{u.name} is #{u.age}")
  end
end

Main.run()
