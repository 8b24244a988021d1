# use with a __using__ whose quote has bind_quoted: module-body variables read by attributes.
defmodule Greeter do
  defmacro __using__(opts) do
    quote bind_quoted: [opts: opts] do
      @greeting Keyword.get(opts, :greeting, "hello")
      @times Keyword.get(opts, :times, 1)
      def greet(name), do: String.duplicate(@greeting <> " " <> name <> "! ", @times)
      def options, do: @greeting
    end
  end
end

defmodule A do
  use Greeter, greeting: "hi", times: 2
end

defmodule B do
  use Greeter
end

IO.puts A.greet("ann")
IO.puts B.greet("bob")
IO.inspect A.options()
defmodule Q do
  defmacro m(opts) do
    quote bind_quoted: [opts: opts, n: length(opts)] do
      @g Keyword.get(opts, :greeting, "hello")
      @n n
      def g, do: {@g, @n}
    end
  end
end
defmodule D do
  require Q
  Q.m(greeting: "yo", x: 1)
end
defmodule Body do
  x = [greeting: "plain"]
  @g Keyword.get(x, :greeting, "d")
  def g, do: @g <> "!"
end
IO.inspect D.g()
IO.inspect Body.g()
