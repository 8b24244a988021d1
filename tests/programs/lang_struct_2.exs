defmodule Account do
  @enforce_keys [:id, :owner]
  defstruct [:id, :owner, balance: 0, history: []]

  def deposit(%Account{balance: b, history: h} = acc, amount) when amount > 0 do
    %Account{acc | balance: b + amount, history: [{:deposit, amount} | h]}
  end

  def withdraw(%Account{balance: b} = acc, amount) when amount <= b do
    {:ok, %{acc | balance: b - amount, history: [{:withdraw, amount} | acc.history]}}
  end

  def withdraw(%Account{}, _), do: {:error, :insufficient}
end

defmodule Shape.Circle do
  defstruct radius: 1.0
end

defmodule Shape.Rect do
  defstruct w: 1, h: 1
end

defmodule Shape do
  alias Shape.{Circle, Rect}
  def area(%Circle{radius: r}), do: 3.0 * r * r
  def area(%Rect{w: w, h: h}), do: w * h
  def name(%s{}), do: s |> Module.split() |> List.last()
end

defmodule Main do
  def run do
    a = %Account{id: 1, owner: "zed"}
    IO.inspect(a)
    a = Account.deposit(a, 100)
    {:ok, a} = Account.withdraw(a, 30)
    IO.inspect(a)
    IO.inspect(Account.withdraw(a, 1000))
    IO.inspect(Shape.area(%Shape.Circle{radius: 2.0}))
    IO.inspect(Shape.area(%Shape.Rect{w: 3, h: 4}))
    IO.inspect(Shape.name(%Shape.Rect{}))
    IO.inspect([%Shape.Circle{}, %Shape.Rect{w: 2}])
    IO.inspect(%{shape: %Shape.Circle{}, list: [%Shape.Rect{}]})
    try do
      struct!(Account, id: 2)
    rescue
      e in ArgumentError -> IO.puts(Exception.message(e))
    end
    IO.inspect(struct!(Account, id: 2, owner: "o"))
  end
end

Main.run()
