# A process in an infinite loop does not stop the others from running: the
# scheduler preempts it after its reductions are used up.
defmodule Spin do
  def forever(n), do: forever(n + 1)
end

spinner = spawn(Spin, :forever, [0])
parent = self()
spawn(fn -> send(parent, {:other, :ran}) end)

receive do
  {:other, what} -> IO.puts("the other process #{what}")
end

:timer.sleep(50)
IO.puts("main woke up after sleeping")
IO.inspect(Process.alive?(spinner), label: "spinner still alive")
