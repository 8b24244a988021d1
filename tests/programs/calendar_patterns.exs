# Calendar sigils in guards and function heads (precision is part of the match); printing through to_string, join, labels and pretty.
defmodule G do
  def xmas?(d) when d == ~D[2024-12-25], do: true
  def xmas?(_), do: false
  def old(~D[-0005-01-01]), do: :ancient
  def old(_), do: :no
  def t(~T[10:00:00.100]), do: :p3
  def t(~T[10:00:00.1]), do: :p1
  def t(_), do: :other
end
IO.inspect G.xmas?(~D[2024-12-25])
IO.inspect G.xmas?(~D[2024-12-24])
IO.inspect G.old(Date.new!(-5, 1, 1))
IO.inspect G.t(Time.new!(10, 0, 0, {100000, 1}))
IO.inspect G.t(Time.new!(10, 0, 0, {100000, 3}))
IO.inspect G.t(Time.new!(10, 0, 0, {100000, 6}))
IO.inspect ~D[2024-01-01] |> Date.add(1) |> to_string() |> String.length()
IO.inspect Kernel.to_string(~T[10:00:00])
IO.inspect List.to_string([to_string(~D[2024-01-01])])
IO.inspect Enum.join([~D[2024-01-01], ~D[2024-01-02]], ", ")
IO.puts [~D[2024-01-01] |> Date.to_string(), " ok"]
IO.inspect ~D[2024-01-01], label: "date"
IO.inspect %{d: ~D[2024-01-01], t: ~T[00:00:00]}, pretty: true, width: 20
IO.inspect(~U[2015-01-13 13:00:07+00:00])
