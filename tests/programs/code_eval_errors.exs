# Compile errors of Code.eval_string worded as Elixir 1.14 words them: an unbound variable
# is expanded to a call (warning on stderr), a pinned unbound variable, and rescued messages.
for s <- ["<<1::size(n)>>", "<<x::size(n)>> = <<1>>", "case 1 do ^q -> 1 end", "fn -> w end", "[y, 2]", "%{k: y}", "y.foo", "y()"] do
  try do
    Code.eval_string(s)
  rescue
    e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
  end
end
try do
  Code.eval_string("y + 1")
rescue
  e -> IO.inspect(e); IO.puts(Exception.message(e))
end
try do
  Code.eval_string("a = 1\nb + a", [], file: "f.exs")
rescue
  e -> IO.inspect(e); IO.puts(Exception.message(e))
end
try do
  Code.eval_string("zzz(1)")
rescue
  e -> IO.inspect(e); IO.puts(Exception.message(e))
end
