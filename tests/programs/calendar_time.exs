# Time, NaiveDateTime and DateTime (Etc/UTC), with ~T, ~N and ~U.
t = ~T[23:00:07.001]
IO.inspect(t)
IO.puts(t)
IO.inspect(t.microsecond)
IO.inspect([~T[10:00:00.100], ~T[10:00:00], ~T[10:00:00.123456], ~T[10:00:00,5]])
IO.inspect(Time.new(10, 0, 0, 100))
IO.inspect(Time.new(10, 0, 0, {100, 3}))
IO.inspect(Time.new(24, 0, 0))
IO.inspect(Time.new(23, 59, 60))
IO.inspect(Time.new(23, 59, 59, 1_000_000))
IO.inspect(Time.new(1, 2, 3, {5, 7}))
IO.inspect(Time.from_iso8601("23:50:07,0123456"))
IO.inspect(Time.from_iso8601("T23:50:07Z"))
IO.inspect(Time.from_iso8601("23:50:07+01:00"))
IO.inspect(Time.from_iso8601("235007"))
IO.inspect(Time.from_iso8601("25:00:00"))
IO.inspect(Time.add(~T[23:00:00], 7200))
IO.inspect(Time.add(~T[00:00:00], -1))
IO.inspect(Time.add(~T[00:00:00], 1, :hour))
IO.inspect(Time.add(~T[00:00:00.1], 1, :millisecond))
IO.inspect(Time.diff(~T[01:00:00], ~T[23:00:00]))
IO.inspect(Time.diff(~T[00:00:00], ~T[02:00:01], :minute))
IO.inspect(Time.diff(~T[00:00:01.5], ~T[00:00:00], :millisecond))
IO.inspect(Time.compare(~T[10:00:00], ~T[10:00:00.000]))
IO.inspect(Time.compare(~T[10:00:00], ~T[09:59:59.999]))
IO.inspect(Time.truncate(~T[01:00:00.123456], :millisecond))
IO.inspect(Time.truncate(~T[01:00:00.1], :millisecond))
IO.inspect(Time.truncate(~T[01:00:00.1], :second))
IO.inspect(Time.to_erl(t))
IO.inspect(Time.from_erl({1, 2, 3}, 5))
IO.inspect(Time.to_seconds_after_midnight(~T[10:00:00.5]))
IO.inspect(Time.from_seconds_after_midnight(3661))
IO.puts(Time.to_iso8601(~T[10:00:00.5], :basic))

n = ~N[2024-01-31 23:00:07]
IO.inspect(n)
IO.puts(n)
IO.puts("at #{~N[2024-01-01 00:00:00.5]}")
IO.inspect(~N[2024-01-31T23:00:07.250])
IO.inspect(NaiveDateTime.new(~D[2024-01-01], ~T[10:00:00]))
IO.inspect(NaiveDateTime.new(2024, 1, 1, 10, 0, 0, 5))
IO.inspect(NaiveDateTime.new(2024, 2, 30, 10, 0, 0))
IO.inspect(NaiveDateTime.new(2024, 2, 3, 10, 0, 60))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23 23:50:07.123Z"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:07.123+02:30"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:61"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-32T23:50:07"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23"))
IO.puts(NaiveDateTime.to_iso8601(n))
IO.puts(NaiveDateTime.to_iso8601(~N[2024-01-01 10:00:00.5], :basic))
IO.inspect(NaiveDateTime.add(n, 3600))
IO.inspect(NaiveDateTime.add(n, 1, :day))
IO.inspect(NaiveDateTime.add(n, -1, :minute))
IO.inspect(NaiveDateTime.add(~N[2024-01-01 00:00:00.12], 1500, :millisecond))
IO.inspect(NaiveDateTime.add(~N[2024-01-01 00:00:00], 1500, :millisecond))
IO.inspect(NaiveDateTime.add(~N[2024-01-01 00:00:00.123456], 1, :second))
IO.inspect(NaiveDateTime.add(~N[2024-02-28 23:59:59], 1))
IO.inspect(NaiveDateTime.diff(~N[2024-01-01 00:00:00], ~N[2023-01-01 00:00:00]))
IO.inspect(NaiveDateTime.diff(~N[2024-01-01 00:00:00], ~N[2024-01-01 00:00:01.5], :millisecond))
IO.inspect(NaiveDateTime.diff(~N[2024-01-01 00:00:00], ~N[2024-01-01 00:00:01.5]))
IO.inspect(NaiveDateTime.diff(~N[2024-01-01 00:00:01.2], ~N[2024-01-01 00:00:00.5]))
IO.inspect(NaiveDateTime.diff(~N[2024-01-03 00:00:00], ~N[2024-01-01 00:00:01.5], :day))
IO.inspect(NaiveDateTime.diff(~N[2024-01-03 00:00:00], ~N[2024-01-01 00:00:01.5], :hour))
IO.inspect(NaiveDateTime.compare(n, ~N[2024-01-31 23:00:07.000]))
IO.inspect(NaiveDateTime.compare(n, ~N[2025-01-01 00:00:00]))
IO.inspect(NaiveDateTime.truncate(~N[2024-01-01 00:00:00.123456], :second))
IO.inspect(NaiveDateTime.to_date(n))
IO.inspect(NaiveDateTime.to_time(n))
IO.inspect(NaiveDateTime.to_erl(~N[2024-03-01 01:02:03.4]))
IO.inspect(NaiveDateTime.from_erl({{2024, 3, 1}, {1, 2, 3}}))
IO.inspect(NaiveDateTime.to_gregorian_seconds(~N[2024-01-01 00:00:00.5]))
IO.inspect(NaiveDateTime.from_gregorian_seconds(63871286400))
IO.inspect(NaiveDateTime.utc_now().__struct__)

u = ~U[2024-01-31 10:00:00Z]
IO.inspect(u)
IO.puts(u)
IO.inspect(~U[2024-01-31 10:00:00.123Z])
IO.inspect(Map.from_struct(~U[2024-01-31 10:00:00.123Z]))
IO.puts(DateTime.to_iso8601(u))
IO.puts(DateTime.to_iso8601(~U[2024-01-01 10:00:00.5Z], :basic))
IO.puts(DateTime.to_string(~U[2024-01-01 10:00:00.5Z]))
IO.inspect(DateTime.from_iso8601("2024-01-01T00:00:00+02:30"))
IO.inspect(DateTime.from_iso8601("2015-01-23T23:50:07.123-02:30"))
IO.inspect(DateTime.from_iso8601("2015-01-23T23:50:07.123Z"))
IO.inspect(DateTime.from_iso8601("2015-01-23T23:50:07.123"))
IO.inspect(DateTime.from_iso8601("2015-01-23P23:50:07.123"))
IO.inspect(DateTime.from_naive(~N[2024-01-01 00:00:00], "Etc/UTC"))
IO.inspect(DateTime.from_naive(~N[2024-01-01 00:00:00], "Europe/Paris"))
IO.inspect(DateTime.new(~D[2024-01-01], ~T[10:00:00]))
IO.inspect(DateTime.new(~D[2024-01-01], ~T[10:00:00], "Europe/Paris"))
IO.inspect(DateTime.now("Europe/Paris"))
IO.inspect(elem(DateTime.now("Etc/UTC"), 0))
IO.inspect(DateTime.shift_zone(u, "Etc/UTC"))
IO.inspect(DateTime.shift_zone(u, "Europe/Paris"))
IO.inspect(DateTime.from_unix(1_700_000_000))
IO.inspect(DateTime.from_unix(1_700_000_000_123, :millisecond))
IO.inspect(DateTime.from_unix(-1))
IO.inspect(DateTime.from_unix(1, :microsecond))
IO.inspect(DateTime.from_unix(253_402_300_800))
IO.inspect(DateTime.to_unix(~U[2024-03-01 01:02:03.4Z]))
IO.inspect(DateTime.to_unix(~U[2024-03-01 01:02:03.4Z], :millisecond))
IO.inspect(DateTime.to_unix(~U[1969-12-31 23:59:59.5Z]))
IO.inspect(DateTime.add(u, -1))
IO.inspect(DateTime.add(u, 1, :day))
IO.inspect(DateTime.diff(u, ~U[2023-01-01 00:00:00Z], :day))
IO.inspect(DateTime.diff(u, ~U[2024-01-31 09:00:00Z]))
IO.inspect(DateTime.compare(u, ~U[2024-01-31 10:00:00.000Z]))
IO.inspect(DateTime.compare(u, ~U[2024-01-31 10:00:00.001Z]))
IO.inspect(DateTime.truncate(~U[2024-01-01 10:00:00.523Z], :second))
IO.inspect(DateTime.to_naive(u))
IO.inspect(DateTime.to_date(u))
IO.inspect(DateTime.to_time(u))
IO.inspect(DateTime.utc_now().time_zone)
IO.inspect(DateTime.utc_now().microsecond |> elem(1))

for f <- [
      fn -> Time.new!(25, 0, 0) end,
      fn -> Time.from_iso8601!("25:00:00") end,
      fn -> NaiveDateTime.new!(2024, 2, 30, 0, 0, 0) end,
      fn -> NaiveDateTime.from_iso8601!("2024-01-01") end,
      fn -> NaiveDateTime.from_erl!({{2024, 2, 30}, {0, 0, 0}}) end,
      fn -> DateTime.from_naive!(~N[2024-01-01 00:00:00], "Europe/Paris") end,
      fn -> DateTime.from_unix!(253_402_300_800) end,
      fn -> DateTime.now!("Europe/Paris") end,
      fn -> DateTime.shift_zone!(u, "Europe/Paris") end,
      fn -> DateTime.new!(~D[2024-01-01], ~T[00:00:00], "Europe/Paris") end
    ] do
  try do
    f.()
  rescue
    e in ArgumentError -> IO.puts("ArgumentError: " <> Exception.message(e))
  end
end

case NaiveDateTime.add(n, 53) do
  ~N[2024-01-31 23:01:00] -> IO.puts("one minute later")
end

case u do
  ~U[2024-01-31 10:00:00Z] -> IO.puts("same instant")
end

IO.inspect(Enum.sort([~N[2024-01-05 00:00:00], ~N[2023-01-01 00:00:00]], {:desc, NaiveDateTime}))
IO.inspect([t, n, u])
