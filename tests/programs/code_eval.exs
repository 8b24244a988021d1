# Code.eval_string/1,2,3 and Code.eval_quoted/1,2: values and bindings in and out.
IO.inspect Code.eval_string("a = 1; b = a + x; z = 3", [x: 10, c: 5])
IO.inspect Code.eval_string("x = x + 1", x: 1)
IO.inspect Code.eval_string("1 + 2")
IO.inspect Code.eval_string("[h | t] = list; {h, t}", list: [1, 2, 3])
IO.inspect Code.eval_string("%{k: v} = m; v", m: %{k: :val})
IO.inspect Code.eval_string("case 1 do x -> y = x end; q = 2")
IO.inspect Code.eval_string("Enum.map(xs, fn x -> x * k end)", xs: [1, 2, 3], k: 10)
IO.inspect Code.eval_string("a = b = 7", [], file: "f.exs")
IO.inspect Code.eval_quoted(quote do: 1 + 2)
IO.inspect Code.eval_quoted({:+, [], [{:y, [], nil}, 1]}, [y: 2])
IO.inspect Code.eval_quoted(quote(do: Enum.sum([1, 2, 3])), [])
{fun, _} = Code.eval_string("fn x -> x * 3 end")
IO.inspect fun.(4)
IO.inspect Code.eval_string("defmodule EvX do\n def f, do: 41\nend\nEvX.f() + 1")
IO.inspect EvX.f()
many = for i <- 1..40, do: {String.to_atom("v#{i}"), i}
{sum, binding} = Code.eval_string("v1 + v40", many)
IO.inspect {sum, binding |> Keyword.keys() |> Enum.sort() |> length()}

try do
  Code.eval_string("zzz(1)")
rescue
  e in CompileError -> IO.puts(Exception.message(e))
end

try do
  Code.eval_string("raise ArgumentError, \"boom\"")
rescue
  e in ArgumentError -> IO.inspect(e)
end

try do
  Code.eval_string("1 +")
rescue
  e in TokenMissingError -> IO.inspect({e.line, e.description})
end

IO.puts "now an uncaught one"
Code.eval_string("x = 1; x.(2)")
