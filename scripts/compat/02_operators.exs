# feature: Operators (arithmetic, comparison, boolean, list, string, membership, pipe, match)
# case: arithmetic
IO.inspect({1 + 2 * 3, 7 / 2, div(7, 2), rem(-7, 2), -(+4), 2 ** 10})
# case: comparison and term order
IO.inspect({1 == 1.0, 1 === 1.0, 1 != 2, 1 !== 1.0, 1 < :a, :a < {}, {} < %{}, [] > %{}})
# case: boolean
IO.inspect({true and false, true or false, not true, nil || 3, 1 && 2, !nil})
# case: lists and strings
IO.inspect({[1, 2] ++ [3], [1, 2, 2] -- [2], "ab" <> "cd", "abc" =~ ~r/b/, "abc" =~ "c"})
# case: in and not in
IO.inspect({2 in [1, 2], 5 in 1..10, 3 not in [1], 4 in 0..10//2})
# case: pipe and capture
[3, 1, 2] |> Enum.sort() |> Enum.map(&(&1 * 2)) |> IO.inspect()
# case: match and pin
x = 1
{^x, y} = {1, 2}
[h | t] = [1, 2, 3]
IO.inspect({y, h, t})
# case: ranges
IO.inspect({Enum.to_list(1..10//3), Enum.to_list(5..1), Range.size(1..10)})
