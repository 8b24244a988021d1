IO.puts("calling")
Nope.Missing.run(1)
