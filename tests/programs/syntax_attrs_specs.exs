# Parser gaps of issue 12: module attributes after operators and before `do`, typespecs with
# function types and keyword bounds, keyword lists in access brackets, the one-line receive.
defmodule Limits do
  @limit 3
  @valid [:a, :b]
  @alphabet 'abc'

  @type fun_t :: (integer -> integer) | (... -> any) | (-> :ok)
  @type pair :: {atom, [integer, ...]}
  @type shape :: %{optional(atom) => integer, required(:k) => list}
  @type bits :: <<_::8, _::_*4>>

  @spec map(list, (any -> any)) :: list
  def map(list, f), do: Enum.map(list, f)

  @spec pick(x) :: y when x: integer, y: atom
  def pick(x) do
    if x > @limit do
      :big
    else
      :small
    end
  end

  @spec valid?(term) :: boolean
  def valid?(d) when d in @valid do
    true
  end

  def valid?(_), do: false

  def shifted do
    for c <- @alphabet do
      c + 1
    end
  end

  def upper, do: for(c <- @alphabet, c != ?b, into: "", do: <<c - 32>>)
end

IO.inspect(Limits.map([1, 2], &(&1 * 10)))
IO.inspect({Limits.pick(5), Limits.pick(1)})
IO.inspect({Limits.valid?(:a), Limits.valid?(:z)})
IO.inspect(Limits.shifted())
IO.inspect(Limits.upper())

graph = [title: "x", other: 1]
IO.inspect(graph[:title])
m = %{[title: "x"] => :found}
IO.inspect(m[title: "x"])

defmodule Loop do
  def loop(n) do
    receive do: (:go -> loop(n + 1); {:stop, from} -> send(from, {:count, n}))
  end
end

pid = spawn(fn -> Loop.loop(0) end)
send(pid, :go)
send(pid, :go)
send(pid, {:stop, self()})
receive do: ({:count, n} -> IO.inspect(n, label: "count"))

r = case 2, do: (1 -> :one; _ -> :other)
IO.inspect(r)
f = fn x -> cond do: (x > 1 -> :gt; true -> :le) end
IO.inspect({f.(2), f.(0)})
IO.inspect(try(do: raise("boom"), rescue: (e -> {:rescued, e.message})))
