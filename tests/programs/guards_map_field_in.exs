# Guards of issue 12: map.field in guards (:erlang.map_get/2), `in` with module attributes
# holding lists and ranges, run-time ranges in guards (increasing and decreasing), and `in`
# outside guards with any enumerable on the right.
defmodule Person do
  defstruct name: "", age: 0
end

defmodule G do
  @valid [:red, :green]
  @range 1..5
  @stepped 1..9//2
  @limit 18

  def age(m) when m.age > @limit, do: :adult
  def age(m) when is_map(m) and m.age >= 0, do: :minor
  def age(_), do: :unknown

  def nested(m) when m.inner.value == 1, do: :one
  def nested(_), do: :other

  def color(c) when c in @valid, do: :valid
  def color(_), do: :invalid

  def small(x) when x in @range, do: :small
  def small(_), do: :big

  def odd(x) when x in @stepped, do: :odd
  def odd(_), do: :no

  def not_valid(c) when c not in @valid, do: true
  def not_valid(_), do: false

  def between(x, a, b) when x in a..b, do: true
  def between(_, _, _), do: false

  def person(age), do: %Person{age: age}
end

IO.inspect({G.age(%{age: 20}), G.age(%{age: 3}), G.age(%{}), G.age(:atom)})
IO.inspect({G.age(G.person(40)), G.age(G.person(0))})
IO.inspect({G.nested(%{inner: %{value: 1}}), G.nested(%{inner: 5}), G.nested(%{})})
IO.inspect({G.color(:red), G.color(:blue), G.not_valid(:blue), G.not_valid(:green)})
IO.inspect({G.small(3), G.small(6), G.small(3.0), G.odd(7), G.odd(8), G.odd(11)})
IO.inspect({G.between(3, 1, 5), G.between(3, 5, 1), G.between(0, 5, 1), G.between(3, 1.0, 5), G.between(3.0, 1, 5)})

list = [1, 2, 5]
IO.inspect({5 in list, 6 in list, 6 not in list})
set = MapSet.new([:a, :b])
IO.inspect({:a in set, :c in set})
IO.inspect({{:a, 1} in %{a: 1}, {:a, 2} in %{a: 1}, :a in %{a: 1}})
{a, b} = {10, 1}
IO.inspect({3 in a..b, 11 in a..b, 4 in 1..10//3, 5 in 1..10//3})
IO.inspect({2 in Stream.map([1, 2], & &1), "b" in ~w(a b)})
IO.inspect(Enum.filter(1..10, &(&1 in [2, 3, 11])))
