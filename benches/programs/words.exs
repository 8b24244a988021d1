# words: string building: generate words over a small alphabet, sort their
# graphemes into anagram keys, group anagram classes, count with Map.update,
# find palindromes with String.reverse, build a report with <> and interpolation.
defmodule WordsBench do
  @alphabet ["a", "b", "c", "d", "e", "r", "s", "t"]

  def words(0) do
    [""]
  end

  def words(len) do
    for w <- words(len - 1), c <- @alphabet, do: w <> c
  end

  def key(word) do
    word |> String.graphemes() |> Enum.sort() |> Enum.join()
  end

  def main do
    n = 6
    t0 = System.monotonic_time(:microsecond)
    ws = words(n)
    classes = Enum.group_by(ws, &key/1)
    biggest = classes |> Map.values() |> Enum.map(&length/1) |> Enum.max()
    counts =
      Enum.reduce(ws, %{}, fn w, acc ->
        Map.update(acc, String.first(w), 1, &(&1 + 1))
      end)
    palindromes = Enum.filter(ws, fn w -> String.reverse(w) == w end)
    report =
      classes
      |> Map.keys()
      |> Enum.sort()
      |> Enum.take(200)
      |> Enum.reduce("", fn k, acc -> acc <> "#{k}:#{length(Map.fetch!(classes, k))};" end)
    t1 = System.monotonic_time(:microsecond)
    IO.puts(
      "words n=#{n} count=#{length(ws)} classes=#{map_size(classes)} biggest=#{biggest} " <>
        "a=#{counts["a"]} palindromes=#{length(palindromes)} report=#{byte_size(report)}:#{String.slice(report, 0, 24)}"
    )
    IO.puts("elapsed_us #{t1 - t0}")
  end
end

WordsBench.main()
