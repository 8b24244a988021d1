f = fn
  {:ok, v} -> v
  :none -> 0
end
IO.inspect(f.({:ok, 3}))
IO.inspect(f.(:none))
IO.inspect(f.({:error, "x"}))
