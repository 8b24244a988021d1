defmodule W do
  def run(m) do
    r = with {:ok, a} <- Map.fetch(m, :a),
         {:ok, b} when b > 0 <- Map.fetch(m, :b) do
      a + b
    else
      :error -> :missing
    end
    {:result, r}
  end
end
IO.inspect(W.run(%{a: 1, b: 2}))
IO.inspect(W.run(%{a: 1}))
IO.inspect(W.run(%{a: 1, b: -2}))
