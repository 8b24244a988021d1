# Calendar values in module attributes, function heads, guards and struct syntax; the wall-clock BIFs.
defmodule Sched do
  @start ~D[2024-01-01]
  @slots [~T[09:00:00], ~T[13:30:00]]
  def start, do: @start
  def slots, do: @slots
  def weekend?(%Date{} = d), do: Date.day_of_week(d) in [6, 7]
  def kind(~D[2024-12-25]), do: :christmas
  def kind(%Date{month: 1, day: 1}), do: :new_year
  def kind(_), do: :other
  def early?(t) when t.hour < 12, do: true
  def early?(_), do: false
end
IO.inspect Sched.start()
IO.inspect Sched.slots()
IO.inspect Sched.weekend?(~D[2024-01-06])
IO.inspect Enum.map([~D[2024-12-25], ~D[2025-01-01], ~D[2024-05-05]], &Sched.kind/1)
IO.inspect Sched.early?(~T[09:00:00])
d = %Date{year: 2024, month: 5, day: 6}
IO.inspect d
IO.inspect %{d | day: 7}
IO.inspect struct(Date, year: 2020, month: 1, day: 1)
IO.inspect is_struct(d, Date)
IO.inspect :erlang.localtime() |> elem(0) |> elem(0) > 2000
IO.inspect :erlang.universaltime() |> elem(0) |> elem(0) > 2000
IO.inspect is_tuple(:os.timestamp())
IO.inspect is_tuple(:erlang.timestamp())
IO.inspect DateTime.utc_now() |> DateTime.to_unix() > 1_700_000_000
IO.inspect Date.utc_today().year > 2000
IO.inspect NaiveDateTime.local_now().year > 2000
IO.inspect Time.utc_now().__struct__
IO.inspect ~D[2024-01-01] == ~D[2024-01-01]
IO.inspect inspect(~N[2024-01-01 00:00:00], pretty: true)
