f = fn x -> Helper.double(x) end
IO.puts("about to call")
IO.inspect(f.(2))
