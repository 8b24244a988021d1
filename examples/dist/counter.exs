# A retort node serving a counter to an Erlang cluster (README, "Joining a BEAM cluster"):
#   retort run --name r@127.0.0.1 --cookie secret examples/dist/counter.exs
defmodule Counter do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:get, _from, n), do: {:reply, n, n}
  def handle_call({:add, k}, _from, n), do: {:reply, n + k, n + k}
  def handle_info({:hello, from}, n) do
    IO.puts("hello from #{inspect(from)} on #{node(from)}")
    send(from, {:hi, self(), Node.self()})
    {:noreply, n}
  end
end

{:ok, _} = GenServer.start_link(Counter, 0, name: :counter)
IO.puts("#{Node.self()} up, alive? #{Node.alive?()}, cookie #{inspect(Node.get_cookie())}")
Process.sleep(:infinity)
