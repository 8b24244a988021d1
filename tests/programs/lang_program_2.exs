defmodule Inventory do
  defmodule Item do
    @enforce_keys [:sku]
    defstruct [:sku, name: "unnamed", qty: 0, price: 0.0]
  end

  defmodule OutOfStock do
    defexception [:sku, :wanted, :have]
    def message(%{sku: s, wanted: w, have: h}), do: "#{s}: wanted #{w}, have #{h}"
  end

  def new, do: %{}

  def add(inv, %Item{sku: sku} = item) do
    Map.update(inv, sku, item, fn old -> %Item{old | qty: old.qty + item.qty} end)
  end

  def take!(inv, sku, n) do
    case inv do
      %{^sku => %Item{qty: q} = item} when q >= n -> Map.put(inv, sku, %{item | qty: q - n})
      %{^sku => %Item{qty: q}} -> raise OutOfStock, sku: sku, wanted: n, have: q
      _ -> raise KeyError, key: sku, term: inv
    end
  end

  def value(inv) do
    inv
    |> Map.values()
    |> Enum.map(fn %Item{qty: q, price: p} -> q * p end)
    |> Enum.sum()
    |> Float.round(2)
  end

  def report(inv) do
    for {sku, %Item{name: n, qty: q}} <- Enum.sort(inv), into: "" do
      "#{sku}\t#{String.pad_trailing(n, 8)}\t#{q}\n"
    end
  end
end

defmodule Main do
  def run do
    alias Inventory.Item

    inv =
      Inventory.new()
      |> Inventory.add(%Item{sku: "A1", name: "bolt", qty: 100, price: 0.25})
      |> Inventory.add(%Item{sku: "B2", name: "nut", qty: 50, price: 0.1})
      |> Inventory.add(%Item{sku: "A1", qty: 20})

    IO.write(Inventory.report(inv))
    IO.inspect(Inventory.value(inv))
    inv = Inventory.take!(inv, "B2", 10)
    IO.inspect(inv["B2"])

    for {sku, n} <- [{"A1", 500}, {"ZZ", 1}, {"A1", 1}] do
      try do
        Inventory.take!(inv, sku, n)
        IO.puts("took #{n} of #{sku}")
      rescue
        e in Inventory.OutOfStock -> IO.puts("error: " <> Exception.message(e))
        e in KeyError -> IO.puts("missing key #{inspect(e.key)}")
      end
    end
  end
end

Main.run()
