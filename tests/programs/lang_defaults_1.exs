defmodule Greeter do
  def hello(name \\ "world", punct \\ "!"), do: "Hello, #{name}#{punct}"

  def join(a, b \\ 0, c), do: {a, b, c}

  # multiple clauses with a default: header
  def fetch(map, key, default \\ :none)
  def fetch(map, key, default) when is_map(map), do: Map.get(map, key, default)
  def fetch(list, key, default) when is_list(list), do: Keyword.get(list, key, default)

  def range(from \\ 1, to), do: Enum.to_list(from..to)

  defp secret(x \\ 10), do: x * 2
  def call_secret, do: {secret(), secret(1)}
end

IO.puts(Greeter.hello())
IO.puts(Greeter.hello("Ann"))
IO.puts(Greeter.hello("Bob", "?"))
IO.inspect(Greeter.join(1, 2))
IO.inspect(Greeter.join(1, 2, 3))
IO.inspect(Greeter.fetch(%{a: 1}, :a))
IO.inspect(Greeter.fetch(%{a: 1}, :b))
IO.inspect(Greeter.fetch([a: 1], :b, 0))
IO.inspect(Greeter.fetch([a: 1], :a))
IO.inspect(Greeter.range(3))
IO.inspect(Greeter.range(2, 4))
IO.inspect(Greeter.call_secret())
IO.inspect(Greeter.__info__(:functions))
IO.inspect(function_exported?(Greeter, :hello, 0))
IO.inspect(function_exported?(Greeter, :hello, 1))
IO.inspect(function_exported?(Greeter, :hello, 2))
IO.inspect(function_exported?(Greeter, :secret, 1))
