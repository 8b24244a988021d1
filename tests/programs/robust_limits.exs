# Absurd sizes and out-of-range integers raise Erlang's errors, checked before allocating,
# and no integer argument is cut to 32 bits.
show = fn f ->
  try do
    IO.inspect(f.())
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  catch
    kind, reason -> IO.puts("#{kind}: #{inspect(reason)}")
  end
end
show.(fn -> Tuple.duplicate(0, 2 ** 40) end)
show.(fn -> Tuple.duplicate(:a, 3) end)
show.(fn -> :erlang.make_tuple(-1, 0) end)
show.(fn -> receive do after 4_294_967_296 -> :ok end end)
show.(fn -> receive do after 4_294_967_295 * 0 -> :zero end end)
show.(fn -> receive do after -1 -> :ok end end)
show.(fn -> Process.sleep(2 ** 40) end)
show.(fn -> IO.iodata_to_binary([256]) end)
show.(fn -> IO.iodata_to_binary([255, "a", [[?b] | "c"]]) end)
show.(fn -> :erlang.iolist_size([1, [2, "abc"]]) end)
show.(fn -> IO.iodata_length([1, 1000]) end)
show.(fn -> :erlang.float(2 ** 1100) end)
show.(fn -> :erlang.float(2 ** 1000) > 1.0e300 end)
show.(fn -> Integer.to_string(255, 2 ** 32 + 16) end)
show.(fn -> Integer.pow(-1, 4_294_967_297) end)
show.(fn -> Integer.pow(1, 2 ** 70) end)
show.(fn -> Integer.pow(0, 4_294_967_297) end)
show.(fn -> 2 ** 100 end)
show.(fn -> String.duplicate("ab", -1) end)
show.(fn -> :binary.copy("ab", -1) end)
