defmodule M1 do
  @allowed [:read, :write]
  @limit 10
  def check(op) when op in @allowed, do: :ok
  def check(_), do: :denied
  def small?(n) when n < @limit, do: true
  def small?(_), do: false

  def get(map, key) do
    case map do
      %{^key => v} -> {:found, v}
      _ -> :none
    end
  end

  def same_head([x | _], x), do: :same
  def same_head(_, _), do: :different
end

IO.inspect(Enum.map([:read, :exec], &M1.check/1))
IO.inspect({M1.small?(3), M1.small?(30)})
IO.inspect(M1.get(%{"k" => 1}, "k"))
IO.inspect(M1.get(%{"k" => 1}, "j"))
IO.inspect(M1.same_head([1, 2], 1))
IO.inspect(M1.same_head([1, 2], 2))
{a, {b, [c | d]}} = {1, {2, [3, 4, 5]}}
IO.inspect({a, b, c, d})
[first, second | rest] = Enum.to_list(1..5)
IO.inspect({first, second, rest})
%{name: name, address: %{city: city}} = %{name: "N", address: %{city: "C", zip: 1}}
IO.inspect({name, city})
"prefix-" <> suffix = "prefix-value"
IO.inspect(suffix)
x = 1
x = x + 1
IO.inspect(x)
^x = 2
{^x, y} = {2, :pinned_ok}
IO.inspect(y)
[_, _, third] = [:a, :b, :c]
IO.inspect(third)
_ignored = :whatever
{:ok, _} = {:ok, :discarded}
v = 5
f = fn
  ^v -> :five
  _ -> :not_five
end
IO.inspect({f.(5), f.(6)})
z = 10
g = fn z -> z * 2 end
IO.inspect({g.(1), z})
IO.inspect(match?({_, _}, {1, 2}))
IO.inspect(match?([_ | _], []))
IO.inspect(match?(%{a: _}, %{a: nil}))
IO.inspect(match?(x when x > 1, 5))
list = [1, 2, 3]
[h | _] = list
IO.inspect(h)
a = b = 7
IO.inspect({a, b})
{:ok, %{items: [%{id: id} | _]}} = {:ok, %{items: [%{id: 42}, %{id: 43}]}}
IO.inspect(id)
<<>> = ""
"" = <<>>
IO.inspect(?\s)
IO.inspect("\u{1F600}" == "😀")
IO.inspect("\u00e9")
