# Captures of operators, Kernel functions (inlined to :erlang as Elixir does), macros and
# local, imported and remote functions; capture placeholders in tuples, lists and <>.
defmodule Caps do
  import String, only: [upcase: 1]

  def double(x), do: x * 2
  defp triple(x), do: x * 3

  def locals do
    [&double/1, &triple/1, &upcase/1, &Caps.double/1, &__MODULE__.double/1]
  end

  def apply_all(x), do: locals() |> Enum.drop(3) |> Enum.map(fn f -> f.(x) end)
  def run(x), do: {double(x), triple(x), (&double/1).(x), (&triple/1).(x)}
end

IO.inspect(&+/2)
IO.inspect(&Kernel.+/2)
IO.inspect(&-/1)
IO.inspect(&==/2)
IO.inspect(&<=/2)
IO.inspect(&===/2)
IO.inspect(&!=/2)
IO.inspect(&!==/2)
IO.inspect(&++/2)
IO.inspect(&--/2)
IO.inspect(&is_atom/1)
IO.inspect(&Kernel.is_atom/1)
IO.inspect(&length/1)
IO.inspect(&div/2)
IO.inspect(&Kernel.div/2)
IO.inspect(&rem/2)
IO.inspect(&abs/1)
IO.inspect(&max/2)
IO.inspect(&tuple_size/1)
IO.inspect(&hd/1)
IO.inspect(&round/1)
IO.inspect(&Kernel.elem/2)
IO.inspect(&elem/2)
IO.inspect(&Kernel.=~/2)
IO.inspect(&String.upcase/1)
IO.inspect(&Enum.map/2)
IO.inspect(&inspect/1)

IO.inspect(Enum.reduce([1, 2, 3, 4], 0, &+/2))
IO.inspect(Enum.reduce([1, 2, 3, 4], 1, &Kernel.*/2))
IO.inspect(Enum.zip_with([1, 2], [3, 4], &-/2))
IO.inspect(Enum.map([1, -2, 3], &-/1))
IO.inspect(Enum.sort([3, 1, 2], &>=/2))
IO.inspect(Enum.filter([1, :a, "b", :c], &is_atom/1))
IO.inspect(Enum.map([{1, 2}, {3, 4}], &Kernel.elem(&1, 1)))
IO.inspect(Enum.map([{1, 2}, {3, 4}], &elem(&1, 0)))
IO.inspect(Enum.map([[1, 2], [3]], &length/1))
IO.inspect(Enum.map([7, 8], &div(&1, 2)))
IO.inspect((&Kernel.elem/2).({:a, :b}, 1))
IO.inspect(Enum.map([1, 2], &max(&1, 2)))
IO.inspect(Enum.map(["a", "b"], &(&1 <> "!")))
IO.inspect(Enum.reduce(["a", "b", "c"], &(&2 <> &1)))
IO.inspect((&(&1 <> &2)).("con", "cat"))
IO.inspect((&<>/2).("x", "y"))
IO.inspect((&!/1).(nil))
IO.inspect((&{&1, &2}).(1, 2))
IO.inspect((&{&2, &1, &2}).(:a, :b))
IO.inspect((&[&1 | &2]).(1, [2, 3]))
IO.inspect((&[&1, &2]).(1, 2))
IO.inspect((&%{key: &1}).(:v))
IO.inspect(Enum.map([1, 2], &{&1, &1 * &1}))
IO.inspect((&to_string/1).(:atom))
IO.inspect((&is_nil/1).(nil))
IO.inspect((&++/2).([1], [2]))
IO.inspect((&--/2).([1, 2, 3], [2]))
IO.inspect((&apply/2).(&+/2, [1, 2]))
IO.inspect(Caps.apply_all(5))
IO.inspect(Enum.map(Caps.locals() |> Enum.take(2), fn f -> f.(4) end))
IO.inspect(Caps.run(2))
IO.inspect((Enum.at(Caps.locals(), 2)).("abc"))
IO.inspect(Enum.at(Caps.locals(), 3))
IO.inspect(Enum.at(Caps.locals(), 4))
IO.inspect(is_function(&Caps.double/1, 1))
IO.inspect(Function.info(&Caps.double/1, :arity))
f = &Caps.double/1
IO.inspect(f == &Caps.double/1)
IO.inspect(:erlang.fun_info(&+/2, :module))
