t = fn f ->
  try do
    IO.inspect(f.())
  rescue
    e -> IO.puts("raised #{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end
t.(fn -> IO.puts("plain") end)
t.(fn -> IO.puts(["io", ?l, ["ist"]]) end)
t.(fn -> IO.puts(:atom) end)
t.(fn -> IO.puts(42) end)
t.(fn -> IO.write("no newline") end)
t.(fn -> IO.write("\n") end)
t.(fn -> IO.inspect({:a, [1, 2]}, label: "lbl") end)
t.(fn -> IO.inspect("str", label: :atomlabel) end)
t.(fn -> IO.inspect(Enum.to_list(1..60)) end)
t.(fn -> IO.inspect(Enum.to_list(1..60), limit: :infinity) end)
t.(fn -> IO.inspect(%{nested: %{deep: [1, 2, 3], other: "x" |> String.duplicate(70)}}) end)
t.(fn -> IO.inspect(:stdio, [1, 2], []) end)
t.(fn -> IO.iodata_to_binary(["a", ["b", ?c]]) end)
t.(fn -> IO.iodata_length(["ab", ?c]) end)
t.(fn -> IO.chardata_to_string('abc') end)
t.(fn -> IO.puts(:stdio, "to stdio") end)
t.(fn -> IO.write(:stderr, "") end)
t.(fn -> IO.puts({:not, :chardata}) end)
t.(fn -> IO.gets("prompt> ") end)
t.(fn -> IO.gets("") end)
t.(fn -> IO.read(:line) end)
t.(fn -> IO.read(:eof) end)
