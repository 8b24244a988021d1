# Process.info/1,2 keys: :status, :message_queue_len, :messages, :links, :monitors,
# :registered_name, :current_function, :reductions, :trap_exit, :dictionary, lists of keys.
defmodule I do
  def waiter do
    receive do
      :go -> :ok
    end
  end

  def busy(n) when n > 0, do: busy(n - 1)
  def busy(0), do: :done

  def run do
    p = spawn(&waiter/0)
    Process.sleep(5)
    IO.puts("status waiting: #{inspect(Process.info(p, :status))}")
    IO.puts("self status: #{inspect(Process.info(self(), :status))}")
    IO.puts("current_function: #{inspect(Process.info(p, :current_function))}")
    send(p, :one)
    send(p, {:two, 2})
    IO.puts("queue len: #{inspect(Process.info(p, :message_queue_len))}")
    IO.puts("messages: #{inspect(Process.info(p, :messages))}")
    IO.puts("links none: #{inspect(Process.info(p, :links))}")
    IO.puts("monitors none: #{inspect(Process.info(p, :monitors))}")
    IO.puts("registered_name none: #{inspect(Process.info(p, :registered_name))}")
    Process.register(p, :infop)
    IO.puts("registered_name: #{inspect(Process.info(p, :registered_name))}")
    IO.puts("trap_exit: #{inspect(Process.info(p, :trap_exit))}")

    ref = Process.monitor(p)
    {:monitors, ms} = Process.info(self(), :monitors)
    IO.puts("self monitors p: #{{:process, p} in ms}")
    Process.demonitor(ref)
    {:monitors, ms} = Process.info(self(), :monitors)
    IO.puts("after demonitor: #{{:process, p} in ms}")

    Process.link(p)
    {:links, ls} = Process.info(p, :links)
    IO.puts("p links self: #{ls == [self()]}")
    Process.unlink(p)

    {:reductions, r1} = Process.info(self(), :reductions)
    busy(10_000)
    {:reductions, r2} = Process.info(self(), :reductions)
    IO.puts("reductions grow: #{is_integer(r1) and r2 > r1}")

    # A list of keys returns a keyword list in that order.
    IO.puts("list: #{inspect(Process.info(p, [:message_queue_len, :trap_exit, :registered_name]))}")

    # info/1 is a keyword list with the common keys.
    info = Process.info(p)
    keys = [:status, :message_queue_len, :links, :trap_exit, :registered_name, :current_function, :reductions, :dictionary]
    IO.puts("info/1 keys: #{Enum.all?(keys, &Keyword.has_key?(info, &1))}")
    IO.puts("info/1 status: #{inspect(info[:status])}")

    # The dictionary.
    Process.put(:k, :v)
    {:dictionary, d} = Process.info(self(), :dictionary)
    IO.puts("dictionary has k: #{{:k, :v} in d}")

    # trap_exit on self.
    Process.flag(:trap_exit, true)
    IO.puts("self trap_exit: #{inspect(Process.info(self(), :trap_exit))}")
    Process.flag(:trap_exit, false)

    # A dead process: nil.
    send(p, :go)
    Process.sleep(5)
    IO.puts("dead info/1: #{inspect(Process.info(p))}")
    IO.puts("dead info/2: #{inspect(Process.info(p, :status))}")
  end
end

I.run()
