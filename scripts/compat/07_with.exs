# feature: `with`
# case: with and else
f = fn m ->
  with {:ok, a} <- Map.fetch(m, :a),
       b = a * 2,
       {:ok, c} when c > 0 <- Map.fetch(m, :c) do
    a + b + c
  else
    :error -> :missing
    {:ok, _} -> :not_positive
  end
end
IO.inspect({f.(%{a: 1, c: 2}), f.(%{a: 1}), f.(%{a: 1, c: -1})})
