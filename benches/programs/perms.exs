# perms: brute force over all permutations of 1..n, built by a recursive
# permutations/1 with `for` and `--`; counts derangements (no fixed point)
# and permutations whose alternating sum is zero.
defmodule PermsBench do
  def permutations([]) do
    [[]]
  end

  def permutations(list) do
    for x <- list, rest <- permutations(list -- [x]) do
      [x | rest]
    end
  end

  def derangement?(perm) do
    perm
    |> Enum.with_index(1)
    |> Enum.all?(fn {x, i} -> x != i end)
  end

  def alternating_sum([]) do
    0
  end

  def alternating_sum([x]) do
    x
  end

  def alternating_sum([a, b | rest]) do
    a - b + alternating_sum(rest)
  end

  def main do
    n = 9
    t0 = System.monotonic_time(:microsecond)
    perms = permutations(Enum.to_list(1..n))
    total = length(perms)
    deranged = Enum.count(perms, &derangement?/1)
    balanced = Enum.count(perms, fn p -> alternating_sum(p) == 5 end)
    first = perms |> Enum.filter(&derangement?/1) |> Enum.take(1) |> hd() |> Enum.join("")
    t1 = System.monotonic_time(:microsecond)
    IO.puts("perms n=#{n} total=#{total} deranged=#{deranged} balanced=#{balanced} first=#{first}")
    IO.puts("elapsed_us #{t1 - t0}")
  end
end

PermsBench.main()
