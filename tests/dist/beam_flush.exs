# The BEAM side of tests/dist_interop.rs's halt test: twice, retort sends 100 binaries of
# 100 kB and :last to :sink, then halts at once (System.halt/0, then the end of the
# program). Everything must arrive.
defmodule Sink do
  def collect(n) do
    receive do
      {:chunk, _i, b} when byte_size(b) == 100_000 -> collect(n + 1)
      {:last, how} -> {n, how}
    after
      30_000 -> {n, :timeout}
    end
  end
end

Process.register(self(), :sink)
IO.puts("beam ready")

for _ <- 1..2 do
  {n, how} = Sink.collect(0)
  IO.puts("beam got: #{n} then #{how}")
end
