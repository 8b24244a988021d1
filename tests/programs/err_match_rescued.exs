defmodule Show do
  def run(label, f) do
    try do
      f.()
      IO.puts("#{label}: no error")
    rescue
      e in MatchError ->
        IO.puts("#{label}: " <> Exception.message(e))
        IO.inspect(e)
    end
  end
end
Show.run("tuple", fn -> {:ok, _} = {:error, :enoent} end)
Show.run("list", fn -> [_, _] = Enum.to_list(1..3) end)
Show.run("map", fn -> %{a: _} = Map.new([{:b, 1}]) end)
Show.run("pin", fn -> x = 1; ^x = String.length("ab") end)
Show.run("binary", fn -> "ab" <> _ = String.upcase("xy") end)
Show.run("string", fn -> "x" = "a\nb\"c" end)
Show.run("nested", fn -> {:ok, [a | _]} = {:ok, []}; a end)
Show.run("long", fn -> {:ok, _} = Enum.to_list(1..40) end)
Show.run("ok", fn -> {:ok, v} = {:ok, 1}; v end)
