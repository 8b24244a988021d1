defmodule Opts do
  def build(name, opts \\ []) do
    size = Keyword.get(opts, :size, 1)
    color = Keyword.get(opts, :color, :black)
    {name, size, color}
  end

  def wrap(x, left \\ "[", right \\ "]")
  def wrap(nil, _l, _r), do: "nil!"
  def wrap(x, l, r), do: l <> to_string(x) <> r

  def counter(n \\ 0) do
    fn -> n + 1 end
  end
end

IO.inspect(Opts.build(:box))
IO.inspect(Opts.build(:box, size: 3))
IO.inspect(Opts.build(:box, color: :red, size: 9))
IO.inspect(Opts.build(:box, [size: 2]))
IO.puts(Opts.wrap(1))
IO.puts(Opts.wrap(:a, "<"))
IO.puts(Opts.wrap("s", "(", ")"))
IO.puts(Opts.wrap(nil))
IO.inspect(Opts.counter().())
IO.inspect(Opts.counter(41).())
f = &Opts.wrap/1
IO.puts(f.(7))
g = &Opts.wrap/3
IO.puts(g.(7, "{", "}"))
