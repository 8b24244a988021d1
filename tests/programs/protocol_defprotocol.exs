# defprotocol / defimpl: built-in types, lists of types, structs (nested defimpl without
# for:), @fallback_to_any with an Any implementation, @derive, impl_for/1, impl_for!/1,
# __protocol__/1, __impl__/1 and Protocol.UndefinedError.
defprotocol Size do
  @doc "the size of the data"
  def size(data)
end

defimpl Size, for: BitString do
  def size(s), do: byte_size(s)
end

defimpl Size, for: [List, Tuple] do
  def size(l) when is_list(l), do: length(l)
  def size(t), do: tuple_size(t)
end

defimpl Size, for: Map do
  def size(m), do: map_size(m)
end

defmodule User do
  defstruct [:name, :age]

  defimpl Size do
    def size(_), do: 2
  end
end

defprotocol Describe do
  @fallback_to_any true
  def describe(x, prefix)
end

defimpl Describe, for: Any do
  def describe(_, prefix), do: prefix <> "something"
end

defimpl Describe, for: Integer do
  def describe(n, prefix), do: prefix <> "the integer #{n} (impl for #{inspect(@for)} of #{inspect(@protocol)})"
end

defmodule Tagged do
  @derive [Describe]
  defstruct tag: nil
end

defmodule Main do
  def run do
    IO.inspect(Size.size("abc"))
    IO.inspect(Size.size([1, 2]))
    IO.inspect(Size.size({1}))
    IO.inspect(Size.size(%{a: 1, b: 2, c: 3}))
    IO.inspect(Size.size(%User{}))
    IO.inspect(Size.impl_for(%User{}))
    IO.inspect(Size.impl_for([]))
    IO.inspect(Size.impl_for(1))
    IO.inspect(Size.impl_for!("x"))
    IO.inspect(Size.__protocol__(:functions))
    IO.inspect(Size.__protocol__(:module))
    IO.inspect(Size.Tuple.__impl__(:for))
    IO.inspect(Size.Tuple.__impl__(:protocol))
    IO.puts(Describe.describe(42, "> "))
    IO.puts(Describe.describe(:atom, "> "))
    IO.puts(Describe.describe(%Tagged{}, "> "))
    IO.inspect(Describe.impl_for(%Tagged{}))
    IO.inspect(Describe.impl_for(1.5))
    IO.inspect(Enum.map([{1, 2}, "ab", [1, 2, 3], {}], &Size.size/1))

    try do
      Size.size(1)
    rescue
      e ->
        IO.inspect(e)
        IO.puts(Exception.message(e))
    end

    try do
      Size.impl_for!(:x)
    rescue
      e in Protocol.UndefinedError -> IO.puts(Exception.message(e))
    end

    Size.size(3.5)
  end
end

Main.run()
