# The retort side of tests/dist_interop.rs's halt test (RETORT_HALT=halt or end).
beam = :"beam@127.0.0.1"
true = Enum.any?(1..200, fn _ -> Node.connect(beam) == true or (Process.sleep(100) && false) end)
chunk = String.duplicate("x", 100_000)
for i <- 1..100, do: send({:sink, beam}, {:chunk, i, chunk})
how = System.get_env("RETORT_HALT")
send({:sink, beam}, {:last, how})
if how == "halt", do: System.halt()
