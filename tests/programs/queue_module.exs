# :queue: a deterministic walk of operations, printing each queue (its two lists as OTP keeps
# them), then the Okasaki names, folds, and the errors.

ops = [:in, :in, :in_r, :in, :in_r, :in, :in, :in_r, :out, :out_r, :drop, :drop_r, :reverse, :filter, :split, :join, :delete, :delete_r, :from_list, :filtermap, :delete_with]
Enum.reduce(1..150, :queue.new(), fn i, q ->
  op = Enum.at(ops, rem(i * i + 3 * i + div(i, 7), length(ops)))
  len = :queue.len(q)
  q2 = case op do
    :in -> :queue.in(i, q)
    :in_r -> :queue.in_r(i, q)
    :out -> elem(:queue.out(q), 1)
    :out_r -> elem(:queue.out_r(q), 1)
    :drop -> if len > 0, do: :queue.drop(q), else: q
    :drop_r -> if len > 0, do: :queue.drop_r(q), else: q
    :reverse -> :queue.reverse(q)
    :filter -> :queue.filter(fn x -> rem(x, 5) != 0 end, q)
    :filtermap -> :queue.filtermap(fn x -> if rem(x, 7) == 0, do: {true, x + 1}, else: rem(x, 11) != 0 end, q)
    :split -> elem(:queue.split(div(len, 2), q), rem(i, 2))
    :join -> :queue.join(q, :queue.from_list(Enum.to_list(i..(i + rem(i, 4)))))
    :delete -> :queue.delete(i - 3, q)
    :delete_r -> :queue.delete_r(i - 5, q)
    :delete_with -> :queue.delete_with(fn x -> rem(x, 3) == 0 end, q)
    :from_list -> :queue.from_list(:queue.to_list(q) ++ [i])
  end
  IO.inspect({i, op, q2, :queue.peek(q2), :queue.peek_r(q2), :queue.out(q2), :queue.out_r(q2)}, charlists: :as_lists)
  q2 = if :queue.len(q2) > 12, do: :queue.from_list(Enum.take(:queue.to_list(q2), 5)), else: q2
  q2
end)
IO.inspect :queue.from_list([1,2,3,4,5])
IO.inspect :queue.fold(fn x, acc -> [x | acc] end, [], :queue.from_list([1,2,3]))
IO.inspect {:queue.any(&(&1 > 2), :queue.from_list([1,2,3])), :queue.all(&(&1 > 2), :queue.from_list([1,2,3]))}
IO.inspect {:queue.member(2, :queue.from_list([1,2,3])), :queue.is_queue({[], []}), :queue.is_queue(:x), :queue.is_empty(:queue.new())}
IO.inspect {:queue.head(:queue.from_list([1,2])), :queue.daeh(:queue.from_list([1,2])), :queue.last(:queue.from_list([1,2])), :queue.tail(:queue.from_list([1,2])), :queue.liat(:queue.from_list([1,2,3])), :queue.cons(0, :queue.from_list([1])), :queue.snoc(:queue.from_list([1]), 2)}
IO.inspect {:queue.get(:queue.from_list([1,2])), :queue.get_r(:queue.from_list([1,2])), :queue.init(:queue.from_list([1,2])), :queue.lait(:queue.from_list([1,2]))}
IO.inspect {:queue.delete_with_r(&(&1 == 2), :queue.from_list([2, 1, 2]))}
for f <- [fn -> :queue.get(:queue.new()) end, fn -> :queue.drop(:queue.new()) end, fn -> :queue.len(:nope) end, fn -> :queue.split(5, :queue.from_list([1])) end, fn -> :queue.head(:queue.new()) end] do
  try do f.() rescue e -> IO.puts(Exception.format(:error, e, []) |> String.trim()) catch k, v -> IO.inspect({k, v}) end
end
:queue.get(:queue.new())
