# queens: every solution of N-queens by recursion over lists, checking each
# placement with Enum.with_index and Enum.all?/Enum.any?.
defmodule QueensBench do
  def safe?(col, placed) do
    placed
    |> Enum.with_index(1)
    |> Enum.all?(fn {c, d} -> c != col and abs(c - col) != d end)
  end

  def solve(n, n, placed) do
    [Enum.reverse(placed)]
  end

  def solve(row, n, placed) do
    Enum.flat_map(1..n, fn col ->
      if safe?(col, placed), do: solve(row + 1, n, [col | placed]), else: []
    end)
  end

  def corner?(solution, n) do
    Enum.any?([1, n], fn c -> hd(solution) == c end)
  end

  def main do
    n = 11
    t0 = System.monotonic_time(:microsecond)
    solutions = solve(0, n, [])
    corners = Enum.count(solutions, &corner?(&1, n))
    first = solutions |> hd() |> Enum.map_join(",", &Integer.to_string/1)
    t1 = System.monotonic_time(:microsecond)
    IO.puts("queens n=#{n} solutions=#{length(solutions)} corners=#{corners} first=#{first}")
    IO.puts("elapsed_us #{t1 - t0}")
  end
end

QueensBench.main()
