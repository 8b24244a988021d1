defmodule G do
  def grade(n) do
    cond do
      n >= 90 -> "A"
      n >= 80 -> "B"
      n >= 70 -> "C"
    end
  end
end
for n <- [95, 85, 75, 10] do
  try do
    IO.puts(G.grade(n))
  rescue
    e ->
      IO.inspect(e)
      IO.puts(Exception.message(e))
      IO.puts(Exception.format_banner(:error, e))
  end
end
