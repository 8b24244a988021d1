defmodule E1 do
  def trap(f) do
    try do
      f.()
    catch
      :exit, :normal -> :normal_exit
      :exit, {:shutdown, reason} -> {:shutdown, reason}
      :exit, reason -> {:other_exit, reason}
    end
  end
end

IO.inspect(E1.trap(fn -> exit(:normal) end))
IO.inspect(E1.trap(fn -> exit({:shutdown, :done}) end))
IO.inspect(E1.trap(fn -> exit(:kill) end))
IO.inspect(E1.trap(fn -> exit("text") end))
IO.inspect(E1.trap(fn -> exit({:bad, [1, 2]}) end))
IO.inspect(E1.trap(fn -> :no_exit end))
r = try do
  exit(:boom)
catch
  kind, reason -> {kind, reason}
end
IO.inspect(r)
r2 = try do
  throw(:t)
catch
  kind, reason -> {kind, reason}
end
IO.inspect(r2)
r3 = try do
  raise "e"
catch
  kind, reason -> {kind, reason}
end
IO.inspect(r3)
r4 = try do
  :erlang.error(:plain)
catch
  :error, reason -> reason
end
IO.inspect(r4)
