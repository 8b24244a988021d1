# A sigil nobody defines is an undefined sigil_q/2 at compile time.
defmodule NoSigil do
  def f, do: ~q(abc)
end
IO.puts "never"
