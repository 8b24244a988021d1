defmodule Helpers do
  def double(x), do: x * 2
  def triple(x), do: x * 3
  def square(x), do: x * x
end

defmodule UsesOnly do
  import Helpers, only: [double: 1, triple: 1]
  def run(x), do: {double(x), triple(x)}
end

defmodule UsesExcept do
  import Helpers, except: [square: 1]
  def run(x), do: double(x) + triple(x)
  def square(x), do: {:own, x}
end

defmodule UsesAll do
  import Helpers
  def run(x), do: square(double(x))
end

defmodule UsesStd do
  import Enum, only: [map: 2, sum: 1]
  import String, only: [upcase: 1]
  def run(l), do: l |> map(&(&1 + 1)) |> sum()
  def up(s), do: upcase(s)
end

defmodule LocalImport do
  def run do
    import List, only: [first: 1]
    first([9, 8])
  end
end

IO.inspect(UsesOnly.run(5))
IO.inspect(UsesExcept.run(5))
IO.inspect(UsesExcept.square(5))
IO.inspect(UsesAll.run(3))
IO.inspect(UsesStd.run([1, 2, 3]))
IO.inspect(UsesStd.up("abc"))
IO.inspect(LocalImport.run())
