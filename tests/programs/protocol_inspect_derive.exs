# A user Inspect implementation with Inspect.Algebra (concat, to_doc, container_doc,
# string, group/nest/break), nested in lists, maps and tuples, through inspect/1,2 and
# IO.inspect/1,2; @derive {Inspect, only:/except:}; and the errors when Enumerable,
# String.Chars or Collectable are missing for a struct.
defmodule Stack do
  defstruct items: []

  defimpl Inspect do
    import Inspect.Algebra

    def inspect(%Stack{items: items}, opts) do
      container_doc("#Stack<", items, ">", opts, fn i, o -> to_doc(i, o) end, separator: ",")
    end
  end
end

defmodule Money do
  defstruct [:amount, :currency]

  defimpl Inspect do
    import Inspect.Algebra

    def inspect(%Money{amount: a, currency: c}, _opts) do
      group(concat([string("Money("), nest(concat([break(""), to_string(a), " ", Atom.to_string(c)]), 2), ")"]))
    end
  end
end

defmodule Secret do
  @derive {Inspect, only: [:user]}
  defstruct user: "joe", password: "hunter2"
end

defmodule Hidden do
  @derive {Inspect, except: [:token]}
  defstruct id: 1, token: "abc", role: :admin
end

defmodule Plain do
  defstruct a: 1
end

defmodule Main do
  def run do
    s = %Stack{items: [1, :two, "three", %Money{amount: 5, currency: :eur}]}
    IO.inspect(s)
    IO.puts(inspect(s))
    IO.inspect(%{stack: s, list: [s, s]})
    IO.inspect({:ok, %Money{amount: 10, currency: :usd}})
    IO.inspect(%Stack{items: Enum.to_list(1..100)})
    IO.inspect(%Stack{items: Enum.to_list(1..10)}, limit: 3)
    IO.puts(inspect(%Money{amount: 12345, currency: :gbp}, pretty: true, width: 8))
    IO.inspect(%Secret{})
    IO.inspect(%Hidden{})
    IO.inspect([%Secret{}, %Hidden{}, %Plain{}])
    IO.inspect(%Plain{a: %Money{amount: 1, currency: :chf}})
    IO.inspect(%Stack{}, label: "empty")

    for {name, f} <- [
          enum: fn -> Enum.map(%Plain{}, & &1) end,
          chars: fn -> "#{%Plain{}}" end,
          into: fn -> Enum.into([1], %Plain{}) end,
          count: fn -> Enum.count(%Plain{}) end
        ] do
      try do
        f.()
      rescue
        e -> IO.puts("#{name}: #{Exception.message(e)}")
      end
    end
  end
end

Main.run()
