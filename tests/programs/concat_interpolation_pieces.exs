f = fn a, b -> a <> "x#{b}y" end
IO.inspect(f.("s", 1))
IO.inspect(f.("", :atom))
try do
  f.(1, 2)
rescue
  e -> IO.inspect(e)
end
g = fn a, b -> "p#{a}" <> b end
try do
  g.(1, 2)
rescue
  e -> IO.inspect(e)
end
try do
  f.("ok", {1})
rescue
  e -> IO.inspect(e.__struct__)
end
