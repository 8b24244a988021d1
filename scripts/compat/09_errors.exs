# feature: Errors: try/rescue/catch/after/else, raise, throw, exit, defexception
# case: rescue and after
try do
  raise ArgumentError, "bad"
rescue
  e in ArgumentError -> IO.inspect(e.message)
after
  IO.puts("after")
end
# case: catch throw and exit
IO.inspect(try do throw(:x) catch :throw, v -> {:caught, v} end)
IO.inspect(try do exit(:bye) catch :exit, r -> {:exit, r} end)
# case: try else
IO.inspect(try do 1 else 1 -> :one end)
# case: defexception
defmodule MyErr do
  defexception message: "default", code: 0
end
try do
  raise MyErr, code: 3
rescue
  e in MyErr -> IO.inspect({e.message, e.code})
end
# case: reraise and __STACKTRACE__
try do
  try do raise "inner" rescue e -> reraise e, __STACKTRACE__ end
rescue
  e -> IO.inspect(Exception.message(e))
end
# case: error values
for f <- [fn -> 1 / 0 end, fn -> :a + 1 end, fn -> hd([]) end, fn -> Map.fetch!(%{}, :k) end] do
  try do f.() rescue e -> IO.inspect(e.__struct__) end
end
