defmodule W do
  def parse(map) do
    with {:ok, name} <- Map.fetch(map, :name),
         {:ok, age} when is_integer(age) and age >= 0 <- Map.fetch(map, :age),
         upper = String.upcase(name),
         true <- age < 150 do
      {:ok, upper, age}
    else
      :error -> {:error, :missing}
      {:ok, bad} -> {:error, {:bad_age, bad}}
      false -> {:error, :too_old}
    end
  end

  def simple(a, b) do
    with x when x > 0 <- a,
         y when y > 0 <- b do
      x * y
    end
  end

  def bare do
    with a = 1,
         b = a + 1,
         [c | _] <- [b * 10, 0] do
      {a, b, c}
    end
  end

  def nested_else(x) do
    with {:ok, v} <- x,
         {:ok, w} <- v do
      w
    else
      {:error, e} when is_atom(e) -> {:atom_error, e}
      {:error, e} -> {:other_error, e}
      other -> {:unexpected, other}
    end
  end
end

IO.inspect(W.parse(%{name: "ann", age: 30}))
IO.inspect(W.parse(%{name: "ann"}))
IO.inspect(W.parse(%{age: 3}))
IO.inspect(W.parse(%{name: "ann", age: -1}))
IO.inspect(W.parse(%{name: "ann", age: "x"}))
IO.inspect(W.parse(%{name: "ann", age: 200}))
IO.inspect(W.simple(2, 3))
IO.inspect(W.simple(-2, 3))
IO.inspect(W.simple(2, 0))
IO.inspect(W.bare())
IO.inspect(W.nested_else({:ok, {:ok, 1}}))
IO.inspect(W.nested_else({:ok, {:error, :bad}}))
IO.inspect(W.nested_else({:error, "str"}))
IO.inspect(W.nested_else(:weird))
