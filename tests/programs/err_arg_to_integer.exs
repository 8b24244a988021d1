IO.inspect(String.to_integer("42"))
IO.inspect(String.to_integer("4x2"))
