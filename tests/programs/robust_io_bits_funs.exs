# IO functions check their device as Elixir's guards do, binary segments of absurd sizes raise
# SystemLimitError before anything is allocated, and a closure capturing a closure a million
# deep is built, called and dropped without recursing on the native stack.
show = fn f ->
  try do
    IO.inspect(f.())
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  catch
    kind, reason -> IO.puts("#{kind}: #{inspect(reason)}")
  end
end
show.(fn -> IO.puts(1, "x") end)
show.(fn -> IO.write("dev", "x") end)
show.(fn -> IO.inspect(3.5, :x, []) end)
show.(fn -> IO.puts(:stdio, "to stdio") end)
show.(fn -> n = 2 ** 62; <<0::size(n)>> end)
show.(fn -> n = 2 ** 70; <<0::size(n)>> end)
show.(fn -> n = 2 ** 61; <<0::size(n)-unit(8)>> end)
show.(fn -> n = 2 ** 59; <<0::size(n)-unit(8)>> end)
show.(fn -> n = 2 ** 62; b = "a"; <<b::binary-size(n)>> end)
show.(fn -> n = 2 ** 62; <<0::float-size(n)>> end)
show.(fn -> n = 2 ** 62; <<1, 2, 0::size(n)>> end)
show.(fn -> n = 2 ** 62; <<x::size(n), _::binary>> = "abc"; x end)
show.(fn -> n = 3; <<0::size(n)-unit(8)>> end)
deep = Enum.reduce(1..1_000_000, fn -> 0 end, fn i, acc -> fn -> {i, acc} end end)
{1_000_000, next} = deep.()
{999_999, _} = next.()
show.(fn -> is_function(deep, 0) end)
deep = nil
show.(fn -> deep end)
