defmodule C2 do
  def tokens(str), do: str |> String.graphemes() |> Enum.map(&kind/1)
  defp kind(c) do
    case c do
      " " -> :space
      c when c in ["+", "-", "*", "/"] -> {:op, c}
      c ->
        case Integer.parse(c) do
          {n, ""} -> {:num, n}
          :error -> {:ident, c}
        end
    end
  end

  def http(code) do
    case code do
      200 -> "OK"
      c when c in 300..399 -> "redirect"
      404 -> "not found"
      c when c >= 500 -> "server error"
      _ -> "other"
    end
  end

  def shape(v) do
    case v do
      {x, y} = point when is_number(x) and is_number(y) -> {:point, point}
      [_ | _] = list -> {:list_of, length(list)}
      %{} = m when map_size(m) == 0 -> :empty_map
      %{type: t} -> {:typed, t}
      _other -> :unknown
    end
  end
end

IO.inspect(C2.tokens("1 + x*2"))
IO.inspect(Enum.map([200, 301, 404, 503, 100], &C2.http/1))
IO.inspect(Enum.map([{1, 2.0}, {:a, 1}, [1, 2], %{}, %{type: :t}, "s"], &C2.shape/1))
result =
  case {:ok, [1, 2, 3]} do
    {:ok, [first | rest]} -> first + Enum.sum(rest)
  end
IO.inspect(result)
IO.inspect(case nil do
  nil -> "was nil"
end)
IO.inspect(case 1.0 do
  1 -> :int_one
  1.0 -> :float_one
end)
IO.inspect(case "abc" do
  "a" <> rest -> rest
end)
IO.inspect(case [1, 2, 3] do
  [_, _] -> :two
  [_, _ | _] -> :two_or_more
end)
