for v <- [:atom, 1, "str", {:a, :b}, %{}, nil] do
  try do
    v.(1)
  rescue
    e in BadFunctionError ->
      IO.puts(Exception.message(e))
      IO.inspect(e)
  end
end
try do
  apply(42, [])
rescue
  e -> IO.puts(Exception.message(e))
end
