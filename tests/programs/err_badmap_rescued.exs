defmodule U do
  def rename(m), do: %{m | name: "new"}
  def get(m), do: Map.get(m, :a)
  def keys(m), do: Map.keys(m)
end
for v <- [%{name: "old"}, [name: "old"], nil, 1, "map"] do
  try do
    IO.inspect(U.rename(v))
  rescue
    e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
  end
end
try do
  U.get(:x)
rescue
  e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
end
try do
  U.keys([1])
rescue
  e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
end
try do
  Map.put(:notamap, :a, 1)
rescue
  e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
end
