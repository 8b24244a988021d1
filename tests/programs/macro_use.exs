defmodule MyBase do
  defmacro __using__(opts) do
    greeting = Keyword.get(opts, :greeting, "hello")
    quote do
      def hello, do: unquote(greeting)
      def name, do: "base"
      def describe, do: "I am " <> name()
      defoverridable name: 0, describe: 0
    end
  end
end
defmodule Plain do
  use MyBase
end
defmodule Custom do
  use MyBase, greeting: "hi"
  def name, do: "custom"
  def describe, do: super() <> "!"
end
IO.inspect(Plain.hello())
IO.inspect(Plain.describe())
IO.inspect(Custom.hello())
IO.inspect(Custom.describe())
IO.inspect(function_exported?(Custom, :name, 0))
