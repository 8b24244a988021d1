defmodule Animal do
  defstruct [:name]
end

defmodule G7 do
  def which(x) when is_struct(x, Animal), do: :animal
  def which(x) when is_struct(x), do: :some_struct
  def which(x) when is_exception(x), do: :exception
  def which(x) when is_map(x) and not is_map_key(x, :k), do: :map_without_k
  def which(_), do: :other

  def exc(x) when is_exception(x, ArgumentError), do: :arg_error
  def exc(x) when is_exception(x), do: :other_exception
  def exc(_), do: :not_exception

  def kind(x) when is_list(x) when is_tuple(x) when is_map(x), do: :container
  def kind(_), do: :scalar

  def tup(t) when elem(t, 0) in [:a, :b] and tuple_size(t) == 2, do: :tagged_pair
  def tup(_), do: :other
end

defmodule Main do
  def run do
    IO.inspect(G7.which(%Animal{name: "cat"}))
    IO.inspect(G7.which(1..2))
    IO.inspect(G7.which(%{k: 1}))
    IO.inspect(G7.which(%{j: 1}))
    IO.inspect(G7.which(:x))
    IO.inspect(G7.exc(%ArgumentError{message: "m"}))
    IO.inspect(G7.exc(%RuntimeError{message: "m"}))
    IO.inspect(G7.exc(%{}))
    IO.inspect(Enum.map([[], {}, %{}, 1, "s"], &G7.kind/1))
    IO.inspect(Enum.map([{:a, 1}, {:b, 2, 3}, {:c, 1}, [:a, 1]], &G7.tup/1))
  end
end

Main.run()
