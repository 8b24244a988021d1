# Selective receive: messages that do not match stay in the mailbox in order, a later
# receive sees them first; pattern guards; pinned refs (the call pattern).
defmodule S do
  def flush do
    receive do
      m -> [m | flush()]
    after
      0 -> []
    end
  end

  def run do
    for m <- [{:a, 1}, {:b, 2}, {:a, 3}, :c, {:b, 4}, 5], do: send(self(), m)

    # Take the :b messages first, in order.
    b1 = receive do
      {:b, x} -> x
    end
    b2 = receive do
      {:b, x} -> x
    end
    IO.puts("b: #{b1} #{b2}")

    # Guards select.
    n = receive do
      x when is_integer(x) -> x
    end
    IO.puts("integer: #{n}")

    # No match: after clause, mailbox unchanged.
    r = receive do
      {:z, _} -> :z
    after
      0 -> :none
    end
    IO.puts("no match: #{r}")
    IO.puts("rest in order: #{inspect(flush())}")

    # Clause order vs message order: the first message that matches any clause wins.
    send(self(), :low)
    send(self(), :high)
    first = receive do
      :high -> :high
      :low -> :low
    end
    IO.puts("first matching message: #{first}")
    flush()

    # The call pattern: a reference made just before the receive.
    parent = self()
    for i <- 1..3, do: send(self(), {:noise, i})
    server = spawn(fn ->
      receive do
        {from, ref, :ping} -> send(from, {ref, :pong})
      end
    end)
    ref = make_ref()
    send(server, {parent, ref, :ping})
    reply = receive do
      {^ref, r} -> r
    end
    IO.puts("reply: #{reply}")
    IO.puts("noise kept: #{inspect(flush())}")

    # Messages from one sender arrive in send order.
    sender = spawn(fn -> for i <- 1..10, do: send(parent, {:seq, i}) end)
    _ = sender
    got = for _ <- 1..10 do
      receive do
        {:seq, i} -> i
      end
    end
    IO.puts("in order: #{inspect(got)}")

    # Nested receive inside a receive clause.
    send(self(), :outer)
    send(self(), :inner)
    r = receive do
      :outer ->
        receive do
          :inner -> :nested_ok
        end
    end
    IO.puts("nested: #{r}")

    # A receive that waits, then a timer message arrives among others.
    Process.send_after(self(), :late, 50)
    send(self(), :early)
    r = receive do
      :late -> :late
    end
    IO.puts("waited for: #{r}; left: #{inspect(flush())}")
  end
end

S.run()
