defmodule Inv do
  defstruct id: 0, name: "", tags: [], meta: %{}
end

defmodule Main do
  def run do
    items = for i <- 1..4, do: %Inv{id: i, name: "item number #{i}", tags: [:a, :b], meta: %{weight: i * 1.5}}
    IO.inspect(items)
    IO.inspect(hd(items), structs: false)
    IO.inspect(%{inventory: items |> Enum.take(2), count: 2})
    IO.inspect({:ok, %Inv{}})
    IO.inspect([%Inv{id: 1}], limit: 2)
    IO.inspect(%Inv{tags: Enum.to_list(1..60)})
    IO.puts(inspect(%Inv{}, pretty: true, width: 20))
  end
end

Main.run()
