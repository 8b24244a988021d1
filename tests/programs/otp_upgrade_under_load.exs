# 10 000 clients make synchronous GenServer.calls to one server while it is
# suspended, upgraded with a new code_change/3 and resumed within the calls'
# timeout: every call is answered exactly once, in order per client, and none
# fails.
Code.compiler_options(ignore_module_conflict: true)

defmodule Source do
  def version(v) do
    """
    defmodule Counter do
      use GenServer
      @vsn #{v}
      def init(_), do: {:ok, %{}}
      def handle_call({:req, client, n}, _from, state) do
        last = Map.get(state, client, 0)
        {:reply, {#{v}, n == last + 1, n}, Map.put(state, client, n)}
      end
      def code_change(_old, state, _extra), do: {:ok, state}
    end
    """
  end
end

defmodule Client do
  def run(parent, id, calls) do
    results = for n <- 1..calls, do: GenServer.call(:counter, {:req, id, n}, 5000)
    send(parent, {:done, id, results})
  end
end

clients = 10_000
calls = 5
Code.compile_string(Source.version(1))
{:ok, _} = GenServer.start(Counter, nil, name: :counter)
parent = self()
for id <- 1..clients, do: spawn(Client, :run, [parent, id, calls])

# Upgrade once the server has answered its first hundred clients: most calls are still to come.
defmodule Wait do
  def until_answered(n) do
    if map_size(:sys.get_state(:counter)) >= n, do: :ok, else: until_answered(n)
  end
end

Wait.until_answered(100)
:ok = :sys.suspend(:counter)
Code.compile_string(Source.version(2))
:ok = :sys.change_code(:counter, Counter, 1, nil)
:ok = :sys.resume(:counter)

results = for _ <- 1..clients, do: (receive do {:done, id, r} -> {id, r} end)
replies = Enum.flat_map(results, fn {_id, r} -> r end)
IO.puts("clients finished: #{length(results)}")
IO.puts("calls answered: #{length(replies)}")
IO.puts("all in order: #{Enum.all?(replies, fn {_v, ok, _n} -> ok end)}")
IO.puts("per-client sequences complete: #{Enum.all?(results, fn {_, r} -> Enum.map(r, &elem(&1, 2)) == Enum.to_list(1..calls) end)}")
IO.puts("versions seen: #{inspect(replies |> Enum.map(&elem(&1, 0)) |> Enum.uniq() |> Enum.sort())}")
