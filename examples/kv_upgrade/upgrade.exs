# Drives the KV server through a live upgrade, as in the seed's session:
#
#   retort compile examples/kv_upgrade/kv_v0.ex -o /tmp/kv
#   retort run --pa /tmp/kv examples/kv_upgrade/upgrade.exs
#   # when it prints "waiting for a new KV object file", from another shell:
#   retort compile examples/kv_upgrade/kv_v1.ex -o /tmp/kv
#
# KV is not defined here: the first call autoloads it from the code path. The script then
# waits until the object file KV was loaded from changes on disk, and upgrades the running
# server: suspend, load the new code, migrate the state with code_change/3, resume.
# (The same script runs on the BEAM: elixirc kv_v0.ex -o DIR; elixir -pa DIR upgrade.exs.)
defmodule Upgrade do
  def wait_for_change(path, old, tries) do
    case File.read(path) do
      {:ok, ^old} when tries > 0 ->
        :timer.sleep(20)
        wait_for_change(path, old, tries - 1)

      {:ok, ^old} ->
        IO.puts("gave up waiting")
        System.halt(1)

      _ ->
        :ok
    end
  end

  def run do
    {:ok, _pid} = KV.start_link()
    IO.inspect(Keyword.get(KV.module_info(:attributes), :vsn), label: "vsn")
    IO.inspect(KV.put(:a, 1), label: "put a")
    IO.inspect(KV.put(:b, 2), label: "put b")
    IO.inspect(KV.get(:a), label: "get a")
    IO.inspect(KV.get(:missing, :none), label: "get missing")

    path = to_string(:code.which(KV))
    old = File.read!(path)
    IO.puts("waiting for a new KV object file")
    wait_for_change(path, old, 1500)
    # Let the compiler finish writing the file.
    :timer.sleep(200)

    IO.inspect(:sys.suspend(KV), label: "suspend")
    IO.inspect(:code.load_file(KV), label: "load_file")
    IO.inspect(:sys.change_code(KV, KV, 0, nil), label: "change_code")
    IO.inspect(:sys.resume(KV), label: "resume")

    IO.inspect(Keyword.get(KV.module_info(:attributes), :vsn), label: "vsn")
    IO.inspect(KV.get(:a), label: "get a")
    IO.inspect(KV.put(:c, 3), label: "put c")
    IO.inspect(KV.get(:b), label: "get b")
    IO.inspect(:sys.get_state(KV), label: "state")
  end
end

Upgrade.run()
