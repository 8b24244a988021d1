# combos: subset sums and combinations: every k-combination of a list by
# recursion, `for` comprehensions with filters, Enum.reduce into a MapSet of
# seen sums, Enum.uniq and Enum.sort.
defmodule CombosBench do
  def combinations(_, 0) do
    [[]]
  end

  def combinations([], _) do
    []
  end

  def combinations([h | t], k) do
    for(rest <- combinations(t, k - 1), do: [h | rest]) ++ combinations(t, k)
  end

  def subset_sums(list) do
    Enum.reduce(list, MapSet.new([0]), fn x, seen ->
      Enum.reduce(seen, seen, fn s, acc -> MapSet.put(acc, s + x) end)
    end)
  end

  def main do
    n = 29
    k = 6
    t0 = System.monotonic_time(:microsecond)
    items = for i <- 1..n, do: rem(i * 7, 31) + i
    combos = combinations(items, k)
    sums = combos |> Enum.map(&Enum.sum/1)
    distinct = sums |> Enum.uniq() |> Enum.sort()
    target = Enum.at(distinct, div(length(distinct), 2))
    hits = for c <- combos, Enum.sum(c) == target, rem(hd(c), 2) == 0, do: c
    seen = subset_sums(items)
    reachable = Enum.count(0..Enum.sum(items), &MapSet.member?(seen, &1))
    products = for a <- items, b <- items, a < b, rem(a * b, 5) == 0, into: MapSet.new(), do: a * b
    t1 = System.monotonic_time(:microsecond)
    IO.puts(
      "combos n=#{n} k=#{k} count=#{length(combos)} distinct=#{length(distinct)} " <>
        "target=#{target} hits=#{length(hits)} reachable=#{reachable} products=#{MapSet.size(products)}"
    )
    IO.puts("elapsed_us #{t1 - t0}")
  end
end

CombosBench.main()
