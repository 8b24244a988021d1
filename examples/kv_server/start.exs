# Runs a version of kv_server without a release:
#   KV_PORT=4040 retort run examples/kv_server/start.exs [v1|v2|v3]
version = List.first(System.argv()) || "v1"
Code.require_file(Path.join([__DIR__, version, "kv_server.ex"]))
{:ok, _pid} = KVServer.App.start(:normal, [])
Process.sleep(:infinity)
