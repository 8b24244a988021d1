defmodule K do
  def opts(name, opts \\ []), do: {name, opts}
  def two(a, b), do: {a, b}
end

kw = [a: 1, b: 2, a: 3]
IO.inspect(kw)
IO.inspect(kw[:a])
IO.inspect(kw[:c])
IO.inspect(Keyword.get_values(kw, :a))
IO.inspect(Keyword.keys(kw))
IO.inspect(Keyword.put(kw, :a, 0))
IO.inspect(Keyword.delete(kw, :a))
IO.inspect(Keyword.merge([a: 1], [b: 2, a: 9]))
IO.inspect(Keyword.keyword?(kw))
IO.inspect(Keyword.keyword?([{"a", 1}]))
IO.inspect([{:a, 1}, {:b, 2}])
IO.inspect([{:a, 1}, {"b", 2}])
IO.inspect([{:a, 1, 2}])
IO.inspect(K.opts(:x, size: 1, color: :red))
IO.inspect(K.opts(:x))
IO.inspect(K.two(1, key: :v, other: 2))
IO.inspect([do: 1, else: 2])
IO.inspect(["with space": 1, "quoted-key": 2, ok?: 3, "9lives": 4])
IO.inspect([Elixir: 1, nil: 2, true: 3])
IO.inspect([+: 1])
IO.inspect(if true, do: :kw_form)
IO.inspect(Keyword.new([{:b, 1}, {:a, 2}]))
IO.inspect(Keyword.to_list(z: 26))
IO.inspect(Enum.into([x: 1], %{}))
IO.inspect(Keyword.fetch([a: 1], :a))
IO.inspect(Keyword.fetch([a: 1], :b))
IO.inspect(Keyword.take([a: 1, b: 2, c: 3], [:a, :c]))
IO.inspect(Keyword.update([a: 1], :a, 0, &(&1 + 10)))
[first | _] = kw
IO.inspect(first)
[a: x, b: y, a: z] = kw
IO.inspect({x, y, z})
IO.inspect(kw == [{:a, 1}, {:b, 2}, {:a, 3}])
