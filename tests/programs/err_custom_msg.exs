defmodule AppError do
  defexception message: "the app failed"
end
IO.puts("start")
raise AppError
