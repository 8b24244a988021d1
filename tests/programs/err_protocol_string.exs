IO.puts("a #{:b} c")
IO.puts("tuple: #{{1, 2}}")
