# spawn_link, link/unlink, exit propagation through links, trap_exit turning exit
# signals into {:EXIT, pid, reason} messages.
defmodule W do
  def wait_forever do
    receive do
      :never -> :ok
    end
  end

  def flush do
    receive do
      m -> [m | flush()]
    after
      0 -> []
    end
  end
end

defmodule Main do
  def run do

    Process.flag(:trap_exit, true)

    # A linked process that returns normally sends {:EXIT, pid, :normal} to a trapping parent.
    p = spawn_link(fn -> :ok end)
    receive do
      {:EXIT, ^p, reason} -> IO.puts("normal return: #{inspect(reason)}")
    end

    # A linked process that exits with a reason.
    p = spawn_link(fn -> exit(:custom) end)
    receive do
      {:EXIT, ^p, reason} -> IO.puts("exit(:custom): #{inspect(reason)}")
    end

    # A linked process that exits with a tuple reason.
    p = spawn_link(fn -> exit({:shutdown, :tuple}) end)
    receive do
      {:EXIT, ^p, reason} -> IO.puts("exit tuple: #{inspect(reason)}")
    end

    # A linked process killed with :kill: the link carries :killed.
    p = spawn_link(&W.wait_forever/0)
    Process.exit(p, :kill)
    receive do
      {:EXIT, ^p, reason} -> IO.puts("killed: #{inspect(reason)}")
    end

    # link/1 after spawn, and link returns true.
    p = spawn(&W.wait_forever/0)
    IO.puts("link: #{Process.link(p)}")
    {:links, links} = Process.info(self(), :links)
    IO.puts("linked: #{p in links}")
    IO.puts("unlink: #{Process.unlink(p)}")
    {:links, links} = Process.info(self(), :links)
    IO.puts("linked after unlink: #{p in links}")
    Process.exit(p, :kill)
    Process.sleep(10)
    IO.puts("no message after unlink: #{inspect(W.flush())}")

    # Linking to a dead process while trapping gives {:EXIT, pid, :noproc}.
    dead = spawn(fn -> :ok end)
    Process.sleep(10)
    IO.puts("link to dead: #{Process.link(dead)}")
    receive do
      {:EXIT, ^dead, reason} -> IO.puts("dead link: #{inspect(reason)}")
    end

    # Propagation: a chain a -> b, b crashes with :boom; a (not trapping) dies too.
    parent = self()
    a = spawn(fn ->
      b = spawn_link(fn ->
        receive do
          :die -> exit(:boom)
        end
      end)
      send(parent, {:b, b})
      W.wait_forever()
    end)
    ra = Process.monitor(a)
    b = receive do
      {:b, b} -> b
    end
    send(b, :die)
    receive do
      {:DOWN, ^ra, :process, ^a, reason} -> IO.puts("a died with: #{inspect(reason)}")
    end

    # A non-trapping linked process ignores a :normal exit of its link partner.
    a = spawn(fn ->
      spawn_link(fn -> :ok end)
      Process.sleep(20)
      send(parent, :a_survived)
    end)
    receive do
      :a_survived -> IO.puts("survived normal exit of link: #{Process.alive?(a) or true}")
    end

    # Links are bidirectional: the parent's exit reaches the trapping child.
    outer = spawn(fn ->
      inner = spawn_link(fn ->
        Process.flag(:trap_exit, true)
        send(parent, {:inner, self()})
        receive do
          {:EXIT, _from, reason} -> send(parent, {:inner_got, reason})
        end
      end)
      receive do
        :go -> exit(:parent_gone)
      end
      inner
    end)
    receive do
      {:inner, _} -> :ok
    end
    send(outer, :go)
    receive do
      {:inner_got, reason} -> IO.puts("child saw parent exit: #{inspect(reason)}")
    end

    # Erlang-style :erlang.link / :erlang.unlink and spawn_link/3 with MFA.
    p = spawn_link(W, :wait_forever, [])
    IO.puts("spawn_link/3 pid: #{is_pid(p)}")
    Process.exit(p, :stop_it)
    receive do
      {:EXIT, ^p, reason} -> IO.puts("mfa link exit: #{inspect(reason)}")
    end
    IO.puts("leftover: #{inspect(W.flush())}")
  end
end

Main.run()
