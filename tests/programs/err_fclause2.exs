defmodule Greeter do
  def hello(name, :en) when is_binary(name), do: "Hello " <> name
  def hello(name, :fr) when is_binary(name), do: "Bonjour " <> name
end
IO.puts(Greeter.hello("Ann", :en))
IO.puts(Greeter.hello("Ann", :de))
