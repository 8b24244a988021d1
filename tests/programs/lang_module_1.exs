defmodule Outer do
  def name, do: __MODULE__
  def inner_name, do: Outer.Inner.name()

  defmodule Inner do
    def name, do: __MODULE__
    def parent, do: Outer.name()
  end

  def via_alias, do: Inner.name()
end

defmodule Outer.Sibling do
  def hi, do: {__MODULE__, :hi}
end

IO.inspect(Outer.name())
IO.inspect(Outer.inner_name())
IO.inspect(Outer.Inner.name())
IO.inspect(Outer.Inner.parent())
IO.inspect(Outer.via_alias())
IO.inspect(Outer.Sibling.hi())
IO.inspect(is_atom(Outer))
IO.inspect(Atom.to_string(Outer.Inner))
IO.inspect(Module.split(Outer.Inner))
IO.inspect(Module.concat(Outer, Inner))
IO.inspect(Module.concat([Outer, "Sibling"]))
IO.inspect(to_string(Outer))
IO.puts(Outer)
IO.inspect(Elixir.Outer == Outer)
IO.inspect(:"Elixir.Outer.Inner".name())
mod = Outer.Sibling
IO.inspect(mod.hi())
IO.inspect(apply(mod, :hi, []))
