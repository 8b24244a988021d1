defmodule T do
  def run(f) do
    try do
      f.()
    rescue
      e in [ArgumentError, ArithmeticError] -> {:rescued, e.__struct__}
      RuntimeError -> :runtime
    catch
      :throw, v -> {:thrown, v}
    else
      {:ok, v} -> {:fine, v}
      other -> {:other, other}
    after
      IO.puts("after runs")
    end
  end
end
IO.inspect(T.run(fn -> {:ok, 1} end))
IO.inspect(T.run(fn -> :plain end))
IO.inspect(T.run(fn -> raise ArgumentError end))
IO.inspect(T.run(fn -> 1 / String.length("") end))
IO.inspect(T.run(fn -> raise "boom" end))
IO.inspect(T.run(fn -> throw(:up) end))
x = try do
  raise KeyError, key: :k
rescue
  e in KeyError -> e.key
end
IO.inspect(x)
try do
  try do
    raise "inner"
  after
    IO.puts("inner after")
  end
rescue
  e -> IO.puts("outer: " <> Exception.message(e))
end
r = try do
  :ok
else
  :ok -> :matched_else
end
IO.inspect(r)
try do
  try do
    :unexpected
  else
    :expected -> :ok
  end
rescue
  e in TryClauseError -> IO.puts(Exception.message(e))
end
