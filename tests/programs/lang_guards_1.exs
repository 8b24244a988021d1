defmodule Types do
  def kind(x) when is_integer(x), do: :integer
  def kind(x) when is_float(x), do: :float
  def kind(x) when is_boolean(x), do: :boolean
  def kind(nil), do: :nil_atom
  def kind(x) when is_atom(x), do: :atom
  def kind(x) when is_binary(x), do: :binary
  def kind(x) when is_list(x), do: :list
  def kind(x) when is_tuple(x), do: :tuple
  def kind(x) when is_map(x), do: :map
  def kind(x) when is_function(x, 1), do: :fun1
  def kind(x) when is_function(x), do: :fun
  def kind(x) when is_pid(x), do: :pid
  def kind(x) when is_reference(x), do: :ref
  def kind(_), do: :other

  def num?(x) when is_number(x), do: true
  def num?(_), do: false

  def bits?(x) when is_bitstring(x), do: true
  def bits?(_), do: false
end

for v <- [1, 2.5, true, false, nil, :ok, "s", [1], {}, %{}, fn x -> x end, fn -> 1 end, self(), make_ref(), 123456789012345678901234567890] do
  IO.puts(Types.kind(v))
end

IO.inspect(Enum.map([1, 1.0, :a, "x"], &Types.num?/1))
IO.inspect(Enum.map(["a", 1], &Types.bits?/1))
