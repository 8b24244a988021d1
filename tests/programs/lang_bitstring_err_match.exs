# A binary that does not fit the pattern raises MatchError with the binary.
defmodule Parse do
  def three(bin) do
    <<a::8, b::8, c::8>> = bin
    a + b + c
  end
end

IO.puts(Parse.three(<<1, 2, 3>>))
IO.puts(Parse.three(<<1, 2>>))
