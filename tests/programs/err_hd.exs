IO.inspect(hd([1]))
IO.inspect(hd([]))
