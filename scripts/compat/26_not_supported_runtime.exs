# feature: Distribution, ports, NIFs, releases
# case: distribution (Node)
IO.inspect({Node.alive?(), Node.self(), Node.list()})
# case: ports
port = Port.open({:spawn, "echo hi"}, [:binary])
receive do {^port, {:data, d}} -> IO.inspect(d) after 2000 -> IO.puts("no data") end
# case: NIFs
IO.inspect(match?({:error, _}, :erlang.load_nif(~c"/nonexistent/nif", 0)))
# case: release upgrades (release_handler)
IO.inspect(Code.ensure_loaded?(:release_handler))
