defmodule InGuard do
  def vowel(c) when c in [?a, ?e, ?i, ?o, ?u], do: true
  def vowel(_), do: false

  def digit(c) when c in ?0..?9, do: :digit
  def digit(c) when c in ?a..?z or c in ?A..?Z, do: :letter
  def digit(_), do: :other

  def status(s) when s in [:ok, :done], do: "good"
  def status(s) when s not in [:error], do: "unknown"
  def status(_), do: "bad"

  def stepped(n) when n in 1..10//3, do: :hit
  def stepped(_), do: :miss

  def neg(x) when not is_nil(x) and not x, do: :falsy_bool
  def neg(x) when is_nil(x), do: :nil
  def neg(_), do: :truthy
end

IO.inspect(Enum.filter(~c"education", &InGuard.vowel/1))
IO.inspect(Enum.map(~c"a9Z-", &InGuard.digit/1))
IO.inspect(Enum.map([:ok, :done, :what, :error], &InGuard.status/1))
IO.inspect(Enum.map(0..11, &InGuard.stepped/1))
IO.inspect(Enum.map([false, nil, true, 1], &InGuard.neg/1))
IO.inspect(5 in 1..10)
IO.inspect(5 in 10..1//-1)
IO.inspect(4 in 1..10//2)
IO.inspect(:x in [:x, :y])
IO.inspect(3 not in [1, 2])
