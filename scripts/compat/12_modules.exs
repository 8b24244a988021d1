# feature: Modules: def/defp, default arguments, alias, import, require, __MODULE__, nested modules
# case: defaults and private functions
defmodule A do
  def greet(name, greeting \\ "hi"), do: join(greeting, name)
  defp join(a, b), do: a <> " " <> b
end
IO.puts(A.greet("x")); IO.puts(A.greet("x", "yo"))
# case: nested module, alias, import
defmodule Outer do
  defmodule Inner do
    def name, do: __MODULE__
  end
  alias Outer.Inner, as: I
  import Enum, only: [sum: 1]
  def go, do: {I.name(), sum([1, 2])}
end
IO.inspect(Outer.go())
# case: require Logger, Integer
require Integer
IO.inspect({Integer.is_even(2), Integer.is_odd(2)})
# case: function head with defaults and multiple clauses
defmodule B do
  def f(x, opts \\ [])
  def f(0, _), do: :zero
  def f(x, opts), do: {x, opts}
end
IO.inspect({B.f(0), B.f(1, a: 1)})
# case: __info__ and function_exported?
defmodule C do
  def a, do: 1
  def b(x), do: x
end
IO.inspect({C.__info__(:functions), function_exported?(C, :b, 1)})
