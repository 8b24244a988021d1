# Code.eval_string leaves no module loaded behind: repeated evaluations (also raising ones)
# do not grow the loaded modules, while a fun an evaluation returned, and a process still
# running the evaluated code, keep working. (The counts are printed at the end: printing
# loads modules too.)
raising = fn i ->
  try do
    Code.eval_string("raise \"boom #{i}\"")
  rescue
    e -> e
  end
end
# Warm-up: the first evaluations load library modules (in Elixir too).
for i <- 1..5, do: {Code.eval_string("x + #{i}", x: 1), raising.(i), Code.eval_string("fn -> 1 end")}
before = length(:code.all_loaded())
for i <- 1..50, do: Code.eval_string("x + #{i}", x: 1)
plain = length(:code.all_loaded()) - before
for i <- 1..10, do: raising.(i)
raised = length(:code.all_loaded()) - before
{f, _} = Code.eval_string("fn y -> y * k end", k: 3)
Code.eval_string("1")
with_fun = length(:code.all_loaded()) - before
IO.inspect({plain, raised, with_fun})
IO.inspect(f.(5))
IO.inspect(Enum.map([1, 2], f))

{pid, _} = Code.eval_string("parent = self(); spawn(fn -> receive do x -> send(parent, {:got, x * 2}) end end)")
send(pid, 21)
receive do
  {:got, v} -> IO.inspect(v)
end
