# Crash reports of unsupervised processes: raise, throw and Erlang errors log an error
# report; exit/1 with any reason does not.
defmodule Crash do
  def raise_it, do: raise("boom")
  def throw_it, do: throw(:ball)
  def badarith(x), do: 1 + x
  def exit_it, do: exit(:quiet)
  def custom, do: raise(ArgumentError, "bad thing")

  def watch(fun) do
    {_pid, ref} = spawn_monitor(fun)
    receive do
      {:DOWN, ^ref, :process, _, reason} ->
        # Let the logger print before continuing.
        Process.sleep(50)
        reason
    end
  end
end

IO.puts("-- raise")
{e, _} = Crash.watch(&Crash.raise_it/0)
IO.puts("reason: #{inspect(e)}")
IO.puts("-- throw")
{r, _} = Crash.watch(&Crash.throw_it/0)
IO.puts("reason: #{inspect(r)}")
IO.puts("-- badarith")
{r, _} = Crash.watch(fn -> Crash.badarith(:a) end)
IO.puts("reason: #{inspect(r)}")
IO.puts("-- exit (no report)")
IO.puts("reason: #{inspect(Crash.watch(&Crash.exit_it/0))}")
IO.puts("-- argument error")
{e, _} = Crash.watch(&Crash.custom/0)
IO.puts("reason: #{inspect(e)}")
IO.puts("-- done")
