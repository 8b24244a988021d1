# Code.string_to_quoted/1,2 and string_to_quoted!/1: Elixir's quoted form and its errors.
IO.inspect Code.string_to_quoted("1 + foo(2)")
IO.inspect Code.string_to_quoted("a = [1, 2] |> Enum.map(&(&1 * 2))\nb")
IO.inspect Code.string_to_quoted!("x")
IO.inspect Code.string_to_quoted("")
IO.inspect Code.string_to_quoted("a.b")
IO.inspect Code.string_to_quoted("foo 1, 2")
IO.inspect Code.string_to_quoted("if x, do: 1, else: 2")
IO.inspect Code.string_to_quoted("%{a: 1, b: [c: {1, 2, 3}]}")
IO.inspect Code.string_to_quoted("fn x -> x end")
IO.inspect Code.string_to_quoted("def f(a), do: a", line: 10)
IO.inspect Code.string_to_quoted("foo(")
IO.inspect Code.string_to_quoted("\"abc")
IO.inspect Code.string_to_quoted("1 + )")
{:ok, q} = Code.string_to_quoted("Enum.sum([1, 2, 3]) * 2")
IO.puts Macro.to_string(q)
IO.inspect Code.eval_quoted(q)

for s <- ["foo(", "1 + )"] do
  try do
    Code.string_to_quoted!(s)
  rescue
    e -> IO.puts(Exception.message(e))
  end
end
