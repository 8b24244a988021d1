# Terms nested 1,000,000 deep: every operation works as on the BEAM (no VM abort).
n = 1_000_000
tuples = fn x -> Enum.reduce(1..n, x, fn _, acc -> {acc} end) end
lists = fn x -> Enum.reduce(1..n, x, fn _, acc -> [acc] end) end
a = tuples.(0)
b = tuples.(0)
c = tuples.(1)
IO.puts(a == b)
IO.puts(a === c)
IO.puts(a < c)
IO.puts(Enum.sort([c, a]) == [a, c])
IO.puts(:erlang.phash2(a) == :erlang.phash2(b))
m = %{a => :deep, lists.(0) => :list}
IO.puts(Map.get(m, b))
IO.puts(String.length(inspect(a, limit: :infinity)))
IO.puts(String.length(inspect(lists.(0), limit: :infinity)))
IO.puts(inspect(a))
deep_maps = Enum.reduce(1..n, 0, fn _, acc -> %{k: acc} end)
IO.puts(String.length(inspect(deep_maps, limit: :infinity)))
IO.puts(length(List.flatten(Enum.reduce(1..n, [1], fn _, acc -> [acc, 2] end))))
io = Enum.reduce(1..n, "ab", fn _, acc -> [acc] end)
IO.puts(byte_size(IO.iodata_to_binary(io)))
IO.puts(IO.iodata_length(io))
IO.puts(io)
^a = b
case c do
  ^a -> IO.puts(:wrong)
  ^c -> IO.puts(:matched)
end
me = self()
pid = spawn(fn -> receive do x -> send(me, {:got, x == a}) end end)
send(pid, b)
receive do {:got, r} -> IO.puts(r) end
Process.flag(:trap_exit, true)
pid = spawn_link(fn -> exit(tuples.(0)) end)
receive do {:EXIT, ^pid, r} -> IO.puts(r == a) end
IO.puts(:erlang.binary_to_term(:erlang.term_to_binary(a)) == a)
# dropping deep terms in a process that ends
spawn(fn -> _ = tuples.(0); _ = lists.(0); :ok end)
Process.sleep(50)
IO.puts(:done)
