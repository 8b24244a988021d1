defmodule Acc do
  Module.register_attribute(__MODULE__, :items, accumulate: true)
  @items :a
  @items :b
  @items :c

  def items, do: @items

  @unit_size 8
  @sizes for n <- 1..4, do: n * @unit_size
  def sizes, do: @sizes

  @map Map.new([{:x, 1}, {:y, 2}])
  def map, do: @map

  @str "hello " <> "world"
  def str, do: @str

  @list Enum.reverse([1, 2, 3])
  def list, do: @list
end

IO.inspect(Acc.items())
IO.inspect(Acc.sizes())
IO.inspect(Acc.map())
IO.inspect(Acc.str())
IO.inspect(Acc.list())
