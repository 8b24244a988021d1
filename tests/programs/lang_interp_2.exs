defmodule Fmt do
  def money(cents) do
    "$#{div(cents, 100)}.#{cents |> rem(100) |> Integer.to_string() |> String.pad_leading(2, "0")}"
  end
  def row(name, qty), do: "#{String.pad_trailing(name, 10)}|#{String.pad_leading(to_string(qty), 5)}"
end

IO.puts(Fmt.money(12345))
IO.puts(Fmt.money(5))
IO.puts(Fmt.row("apples", 3))
IO.puts(Fmt.row("kiwis", 120))
name = "World"
greeting = "Hello, #{name}!"
IO.puts(greeting)
IO.puts("#{greeting} Length: #{String.length(greeting)}")
IO.puts("list: #{Enum.join([1, 2, 3], ", ")}")
IO.puts("cond: #{if 1 > 2, do: "yes", else: "no"}")
IO.puts("case: #{case :a do
  :a -> "matched a"
end}")
IO.puts("unicode: #{String.upcase("straße")}")
IO.puts("concat " <> "with " <> "#{:operators}")
IO.puts(~s(sigil #{1 + 2}))
IO.puts("quote \" inside #{"and \"inner\""}")
IO.puts("newline\ninside")
IO.puts("float #{3.0 * 2} int #{3 * 2}")
IO.puts("neg zero #{-0.0}")
IO.puts("charlist in list #{[?a, ?b]}")
IO.puts("pid-free: #{inspect({:ok, 1})}")
IO.puts("#{1}#{2}" <> "#{3}")
IO.puts("percent %{not_a_map} and # hash")
