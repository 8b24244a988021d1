# Process.register/whereis/unregister, send to a name, send to an unregistered name
# (ArgumentError), registration errors, Process.registered.
defmodule W do
  def echo do
    receive do
      {from, msg} ->
        send(from, {:echo, msg})
        echo()
    end
  end
end

p = spawn(&W.echo/0)
IO.puts("register: #{Process.register(p, :echo)}")
IO.puts("whereis: #{Process.whereis(:echo) == p}")
IO.puts("registered: #{:echo in Process.registered()}")
send(:echo, {self(), :hi})
receive do
  {:echo, m} -> IO.puts("echo: #{inspect(m)}")
end
IO.puts("send returns msg: #{inspect(send(:echo, {self(), :x}))}")
receive do
  {:echo, _} -> :ok
end

# Register a name already taken.
q = spawn(&W.echo/0)
try do
  Process.register(q, :echo)
rescue
  e -> IO.puts("taken: #{inspect(e.__struct__)} #{Exception.message(e)}")
end

# Register a second name for the same process.
try do
  Process.register(p, :echo2)
rescue
  e -> IO.puts("second name: #{Exception.message(e)}")
end

# Register a dead process.
dead = spawn(fn -> :ok end)
Process.sleep(10)
try do
  Process.register(dead, :dead_one)
rescue
  e -> IO.puts("dead: #{Exception.message(e)}")
end

# Register reserved names.
try do
  Process.register(q, :undefined)
rescue
  e -> IO.puts("undefined: #{Exception.message(e)}")
end

# Unregister.
IO.puts("unregister: #{Process.unregister(:echo)}")
IO.puts("whereis after: #{inspect(Process.whereis(:echo))}")
try do
  Process.unregister(:echo)
rescue
  e -> IO.puts("unregister again: #{Exception.message(e)}")
end

# Send to an unregistered name raises ArgumentError.
try do
  send(:echo, :hello)
rescue
  e -> IO.puts("send to unregistered: #{inspect(e.__struct__)} #{Exception.message(e)}")
end

# The name goes away when the process dies.
Process.register(q, :short_lived)
Process.exit(q, :kill)
Process.sleep(10)
IO.puts("name after death: #{inspect(Process.whereis(:short_lived))}")

# Registering self and sending to self by name.
Process.register(self(), :me)
send(:me, :to_me)
receive do
  :to_me -> IO.puts("self by name: ok")
end
IO.puts("info registered_name: #{inspect(Process.info(self(), :registered_name))}")
Process.unregister(:me)
IO.puts("info registered_name after: #{inspect(Process.info(self(), :registered_name))}")

# send to {name, node()}.
Process.register(p, :echo)
send({:echo, node()}, {self(), :remote_form})
receive do
  {:echo, m} -> IO.puts("send {name, node}: #{inspect(m)}")
end
