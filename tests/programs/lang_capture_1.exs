defmodule Cap do
  def double(x), do: x * 2
  def add(a, b), do: a + b
  def run do
    f = &double/1
    g = &add/2
    {f.(4), g.(1, 2), Enum.map([1, 2], &double/1)}
  end
  defp hidden(x), do: {:hidden, x}
  def use_hidden, do: Enum.map([1], &hidden/1)
end

IO.inspect(Cap.run())
IO.inspect(Cap.use_hidden())
f = &Cap.add/2
IO.inspect(f.(10, 20))
IO.inspect(Enum.map([1, 2, 3], &Cap.double/1))
IO.inspect(Enum.map(["a", "b"], &String.upcase/1))
IO.inspect(Enum.reduce([1, 2, 3], 0, &(&1 + &2)))
IO.inspect(Enum.map([1, 2, 3], &(&1 * &1)))
IO.inspect(Enum.map([1, 2], &{&1, :x}))
IO.inspect(Enum.map([1, 2], &[&1, &1]))
IO.inspect(Enum.map([1, 2], &%{v: &1}))
IO.inspect(Enum.map(["a", "b"], &"<#{&1}>"))
sub = &(&2 - &1)
IO.inspect(sub.(1, 10))
IO.inspect(Enum.map([[1, 2], [3]], &length/1))
IO.inspect(Enum.sort([3, 1, 2], &>=/2))
IO.inspect((&Kernel.max/2).(3, 9))
IO.inspect(is_function(&Cap.add/2, 2))
IO.inspect(Function.info(&Cap.add/2)[:arity])
three = &(&1 + &2 + &3)
IO.inspect(three.(1, 2, 3))
IO.inspect(Enum.map([1, 2, 3], &Cap.add(&1, 100)))
IO.inspect(Enum.filter([1, 2, 3, 4], &(rem(&1, 2) == 0)))
IO.inspect(&Cap.add/2)
IO.inspect(&String.length/1)
