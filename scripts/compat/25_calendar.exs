# feature: Calendar types: Date, Time, NaiveDateTime, DateTime (Etc/UTC)
# case: arithmetic and comparison
d = ~D[2024-02-28]
IO.inspect({Date.add(d, 2), Date.diff(~D[2024-03-01], d), Date.compare(d, ~D[2024-01-01]), Date.day_of_week(d)})
# case: ISO 8601 and to_string
{:ok, ndt} = NaiveDateTime.from_iso8601("2024-01-02T03:04:05.123")
IO.puts(ndt)
IO.inspect(DateTime.from_iso8601("2024-01-02T03:04:05+02:00"))
# case: ranges
IO.inspect(Date.range(~D[2024-01-01], ~D[2024-01-03]) |> Enum.to_list())
# case: time zones other than Etc/UTC
IO.inspect(DateTime.shift_zone(~U[2024-01-01 00:00:00Z], "Europe/Paris"))
