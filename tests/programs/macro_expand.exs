defmodule MyMacros do
  defmacro double(x) do
    quote do: unquote(x) * 2
  end
  defmacro quad(x) do
    quote do: MyMacros.double(MyMacros.double(unquote(x)))
  end
end

defmodule User do
  require MyMacros
  alias MyMacros, as: MM
  def run do
    ast = quote do: MyMacros.double(3)
    IO.inspect(Macro.expand_once(ast, __ENV__))
    IO.puts(Macro.to_string(Macro.expand_once(quote(do: MyMacros.quad(y)), __ENV__)))
    IO.puts(Macro.to_string(Macro.expand(quote(do: MyMacros.quad(y)), __ENV__)))
    IO.inspect(Macro.expand(quote(do: MM), __ENV__))
    IO.inspect(Macro.expand(quote(do: MM.Sub), __ENV__))
    IO.inspect(Macro.expand(quote(do: __MODULE__), __ENV__))
    IO.inspect(Macro.expand(quote(do: foo(1)), __ENV__))
    IO.inspect(Macro.expand(:atom, __ENV__))
    IO.inspect macro_exported?(MyMacros, :double, 1)
    IO.inspect macro_exported?(MyMacros, :double, 2)
    IO.inspect __ENV__.module
  end
end

defmodule Importer do
  import MyMacros
  def run do
    IO.puts(Macro.to_string(Macro.expand_once(quote(do: double(5)), __ENV__)))
    IO.inspect double(5)
  end
end
User.run()
Importer.run()
