defmodule B do
  def call(f, args), do: apply(f, args)
end
add = fn a, b -> a + b end
zero = fn -> 0 end
for {f, args} <- [{add, [1, 2]}, {add, [1]}, {zero, [1, 2, 3]}, {zero, []}, {&String.upcase/1, ["a", "b"]}] do
  try do
    IO.inspect(B.call(f, args))
  rescue
    e in BadArityError ->
      msg = Exception.message(e)
      IO.puts(Regex.replace(~r/#Function<[^>]*>/, msg, "#Function<...>"))
      IO.inspect(e.args)
  end
end
