t = fn f ->
  try do
    IO.inspect(f.())
  rescue
    e -> IO.puts("raised #{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end
t.(fn -> Tuple.to_list({1, 2, 3}) end)
t.(fn -> Tuple.append({1, 2}, 3) end)
t.(fn -> Tuple.insert_at({1, 2}, 0, :z) end)
t.(fn -> Tuple.delete_at({1, 2, 3}, 1) end)
t.(fn -> Tuple.duplicate(:a, 3) end)
t.(fn -> Tuple.product({2, 3, 4}) end)
t.(fn -> Tuple.sum({1, 2.5}) end)
t.(fn -> Tuple.sum({}) end)
t.(fn -> tuple_size({}) end)
t.(fn -> List.to_tuple([]) end)
t.(fn -> {1, :a} < {1, :b} end)
t.(fn -> {1, 2} < {0, 0, 0} end)
