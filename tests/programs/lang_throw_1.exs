defmodule Th do
  def find_first(list, pred) do
    try do
      Enum.each(list, fn x -> if pred.(x), do: throw({:found, x}) end)
      :none
    catch
      {:found, x} -> {:ok, x}
    end
  end

  def kinds(f) do
    try do
      f.()
    catch
      :throw, v -> {:thrown, v}
      :exit, r -> {:exited, r}
      :error, e -> {:errored, e}
    end
  end
end

IO.inspect(Th.find_first([1, 3, 4, 5], &(rem(&1, 2) == 0)))
IO.inspect(Th.find_first([1, 3], &(rem(&1, 2) == 0)))
IO.inspect(Th.kinds(fn -> throw(:ball) end))
IO.inspect(Th.kinds(fn -> throw(%{deep: [1, 2]}) end))
IO.inspect(Th.kinds(fn -> exit(:normal) end))
IO.inspect(Th.kinds(fn -> exit({:shutdown, 3}) end))
IO.inspect(Th.kinds(fn -> :erlang.error(:my_reason) end))
IO.inspect(Th.kinds(fn -> raise "runtime" end))
IO.inspect(Th.kinds(fn -> 42 end))
r = catch_all = try do
  exit("string reason")
catch
  :exit, reason -> "caught exit: #{reason}"
end
IO.puts(r)
IO.puts(catch_all)
v = try do
  throw(1)
catch
  x when is_integer(x) and x > 0 -> :positive_throw
  _ -> :other_throw
after
  IO.puts("cleanup")
end
IO.inspect(v)
nested = try do
  try do
    throw(:inner)
  after
    IO.puts("inner after")
  end
catch
  t -> {:outer_caught, t}
end
IO.inspect(nested)
rethrown = try do
  try do
    raise "first"
  rescue
    e -> reraise e, __STACKTRACE__
  end
rescue
  e -> {:reraised, e.message}
end
IO.inspect(rethrown)
IO.inspect(catch_thrown = (try do throw(:x) catch y -> y end))
IO.inspect(catch_thrown)
