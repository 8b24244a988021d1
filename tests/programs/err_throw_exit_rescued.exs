defmodule Search do
  def find(list, target) do
    try do
      Enum.each(list, fn x -> if x == target, do: throw({:found, x}) end)
      :not_found
    catch
      {:found, x} -> {:ok, x}
    end
  end
end
IO.inspect(Search.find([1, 2, 3], 2))
IO.inspect(Search.find([1, 2, 3], 9))
r = try do
  exit(:boom)
catch
  :exit, reason -> {:caught_exit, reason}
end
IO.inspect(r)
r2 = try do
  throw(:t)
catch
  kind, value -> {kind, value}
end
IO.inspect(r2)
r3 = try do
  :erlang.error(:oops)
catch
  kind, value -> {kind, value}
end
IO.inspect(r3)
r4 = try do
  raise "x"
catch
  kind, value -> {kind, value}
end
IO.inspect(r4)
r5 = catch_value = try do
  exit({:shutdown, 1})
catch
  :exit, {:shutdown, n} -> n
end
IO.inspect({r5, catch_value})
IO.puts(Exception.format(:throw, :ball))
IO.puts(Exception.format(:exit, :boom))
IO.puts(Exception.format_banner(:exit, {:shutdown, 2}))
