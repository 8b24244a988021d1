defmodule C do
  def kind(x) do
    case x do
      0 -> :zero
      n when is_integer(n) and n > 0 -> :pos
      {:ok, _} -> :ok
    end
  end
end
for v <- [0, 5, {:ok, 1}, -3, "s", {:error, %{reason: :x}}, [1, 2], 1.5] do
  try do
    IO.inspect(C.kind(v))
  rescue
    e in CaseClauseError ->
      IO.puts(Exception.message(e))
      IO.inspect(e.term)
  end
end
