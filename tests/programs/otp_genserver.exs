# GenServer: start forms, names, every callback return form, timeouts, stop and terminate,
# call errors (timeout, noproc, server crash), init results.
defmodule Stack do
  use GenServer

  def start_link(items, opts \\ []), do: GenServer.start_link(__MODULE__, items, opts)

  def init(:ignore), do: :ignore
  def init(:stop), do: {:stop, :no_way}
  def init({:continue, items}), do: {:ok, items, {:continue, :boot}}
  def init({:timeout, items}), do: {:ok, items, 50}
  def init(items), do: {:ok, items}

  def handle_continue(:boot, items) do
    send(:main, {:continued, items})
    {:noreply, [:booted | items]}
  end

  def handle_continue(:after_push, items) do
    send(:main, {:after_push, items})
    {:noreply, items}
  end

  def handle_call(:pop, _from, [h | t]), do: {:reply, h, t}
  def handle_call(:pop, _from, []), do: {:reply, nil, []}
  def handle_call(:items, _from, items), do: {:reply, items, items}
  def handle_call({:push_continue, x}, _from, items), do: {:reply, :ok, [x | items], {:continue, :after_push}}
  def handle_call({:push_timeout, x}, _from, items), do: {:reply, :ok, [x | items], 30}
  def handle_call(:hibernate, _from, items), do: {:reply, :zzz, items, :hibernate}

  def handle_call(:deferred, from, items) do
    send(self(), {:answer_later, from})
    {:noreply, items}
  end

  def handle_call(:stop_with_reply, _from, items), do: {:stop, :normal, :bye, items}
  def handle_call(:slow, _from, items) do
    receive do
      :never -> {:reply, :ok, items}
    end
  end
  def handle_call(:crash, _from, _items), do: {:stop, :crashed, []}
  def handle_call(:throw, _from, items), do: throw({:reply, :thrown, items})

  def handle_cast({:push, x}, items), do: {:noreply, [x | items]}
  def handle_cast({:push_timeout, x}, items), do: {:noreply, [x | items], 20}
  def handle_cast(:stop, items), do: {:stop, :normal, items}

  def handle_info({:answer_later, from}, items) do
    GenServer.reply(from, {:late, length(items)})
    {:noreply, items}
  end

  def handle_info(:timeout, items) do
    send(:main, {:timeout_fired, items})
    {:noreply, items}
  end

  def handle_info(other, items) do
    send(:main, {:info, other})
    {:noreply, items}
  end

  def terminate(reason, items) do
    send(:main, {:terminate, reason, items})
    :ok
  end
end

defmodule Show do
  def next do
    receive do
      m -> IO.puts("got #{inspect(m)}")
    after
      1000 -> IO.puts("nothing")
    end
  end

  def call(server, req, timeout \\ 5000) do
    try do
      {:ok, GenServer.call(server, req, timeout)}
    catch
      :exit, {reason, {GenServer, :call, [_, r, t]}} -> {:exit, reason, r, t}
    end
  end
end

Process.register(self(), :main)

{:ok, pid} = Stack.start_link([1, 2])
IO.puts("pop: #{inspect(GenServer.call(pid, :pop))}")
GenServer.cast(pid, {:push, 9})
IO.puts("items: #{inspect(GenServer.call(pid, :items))}")
send(pid, :hello)
Show.next()
IO.puts("deferred: #{inspect(GenServer.call(pid, :deferred))}")
IO.puts("thrown reply: #{inspect(GenServer.call(pid, :throw))}")
IO.puts("push_continue: #{inspect(GenServer.call(pid, {:push_continue, 5}))}")
Show.next()
IO.puts("push_timeout: #{inspect(GenServer.call(pid, {:push_timeout, 6}))}")
Show.next()
GenServer.cast(pid, {:push_timeout, 7})
Show.next()
IO.puts("hibernate: #{inspect(GenServer.call(pid, :hibernate))}")
IO.puts("whereis pid: #{GenServer.whereis(pid) == pid}")
IO.puts("stop: #{inspect(GenServer.stop(pid))}")
Show.next()
IO.puts("alive after stop: #{Process.alive?(pid)}")

{:ok, named} = Stack.start_link([:a], name: :stack)
IO.puts("named call: #{inspect(GenServer.call(:stack, :items))}")
IO.puts("whereis name: #{GenServer.whereis(:stack) == named}")
IO.puts("second start: #{inspect(Stack.start_link([], name: :stack)) == inspect({:error, {:already_started, named}})}")
IO.puts("stop with reply: #{inspect(GenServer.call(:stack, :stop_with_reply))}")
Show.next()
IO.puts("whereis after stop: #{inspect(GenServer.whereis(:stack))}")

IO.puts("ignore: #{inspect(Stack.start_link(:ignore))}")
Process.flag(:trap_exit, true)
IO.puts("stop in init: #{inspect(Stack.start_link(:stop))}")
receive do
  {:EXIT, _pid, reason} -> IO.puts("linked init exit: #{inspect(reason)}")
end
Process.flag(:trap_exit, false)

{:ok, c} = GenServer.start(Stack, {:continue, [1]})
Show.next()
IO.puts("after continue: #{inspect(GenServer.call(c, :items))}")
{:ok, t} = GenServer.start(Stack, {:timeout, [2]})
Show.next()
GenServer.stop(t, :shutdown)
Show.next()

{:ok, s} = GenServer.start(Stack, [])
IO.puts("timeout: #{inspect(Show.call(s, :slow, 100))}")
Process.exit(s, :kill)
IO.puts("noproc: #{inspect(Show.call(s, :items))}")
IO.puts("noproc name: #{inspect(Show.call(:nobody, :items))}")
:logger.set_primary_config(:level, :none)
{:ok, s2} = GenServer.start(Stack, [3])
IO.puts("crash: #{inspect(Show.call(s2, :crash))}")
Show.next()
{:ok, s3} = GenServer.start(Stack, [4])
ref = Process.monitor(s3)
GenServer.cast(s3, :stop)
Show.next()
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.puts("cast stop DOWN: #{inspect(reason)}")
end

{:ok, s4} = GenServer.start(Stack, [5])
try do
  GenServer.stop(s4, :because)
catch
  :exit, r -> IO.puts("stop exit: #{inspect(r)}")
end
Show.next()
IO.puts("stop dead: #{inspect((try do GenServer.stop(s4) catch :exit, r -> {:exit, elem(r, 0), elem(elem(r, 1), 1)} end))}")
IO.puts("cast to nobody: #{inspect(GenServer.cast(:nobody, :x))}")
IO.puts("call self: #{inspect((try do GenServer.call(self(), :x) catch :exit, {r, {m, f, _}} -> {:exit, r, m, f} end))}")
