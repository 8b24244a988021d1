# Date, Date.Range and the ~D sigil (Elixir 1.14's Calendar.ISO).
d = ~D[2024-01-31]
IO.inspect(d)
IO.puts(d)
IO.puts("today is #{d}")
IO.inspect({d.year, d.month, d.day, d.calendar})
IO.inspect(Map.from_struct(d))
IO.inspect(Date.new(2024, 2, 29))
IO.inspect(Date.new(2023, 2, 29))
IO.inspect(Date.new(2023, 13, 1))
IO.inspect(Date.new(10000, 1, 1))
IO.inspect(Date.new!(2000, 1, 1))
IO.inspect(Date.from_iso8601("2015-01-23"))
IO.inspect(Date.from_iso8601("-2015-01-23"))
IO.inspect(Date.from_iso8601("2015-01-32"))
IO.inspect(Date.from_iso8601("20150123"))
IO.inspect(Date.from_iso8601("2015:01:23"))
IO.inspect(Date.from_iso8601("x"))
IO.inspect(Date.from_iso8601!("2024-12-25"))

for f <- [
      fn -> Date.from_iso8601!("x") end,
      fn -> Date.new!(2023, 2, 30) end,
      fn -> Date.from_erl!({2024, 2, 30}) end,
      fn -> Date.range(~D[2024-01-01], ~D[2024-01-05], 0) end
    ] do
  try do
    f.()
  rescue
    e in ArgumentError -> IO.puts("ArgumentError: " <> Exception.message(e))
  end
end

IO.puts(Date.to_iso8601(d))
IO.puts(Date.to_iso8601(d, :basic))
IO.puts(Date.to_string(~D[-0005-03-01]))
IO.inspect(~D[-0005-03-01])
IO.inspect(Date.add(d, 1))
IO.inspect(Date.add(d, 30))
IO.inspect(Date.add(d, -365))
IO.inspect(Date.add(~D[2000-02-28], 1))
IO.inspect(Date.diff(~D[2024-03-01], d))
IO.inspect(Date.diff(~D[2000-01-01], ~D[2024-01-01]))
IO.inspect(Date.compare(~D[2024-03-01], d))
IO.inspect(Date.compare(d, ~D[2024-03-01]))
IO.inspect(Date.compare(d, ~D[2024-01-31]))
IO.inspect(Date.compare(d, ~N[2024-01-31 10:00:00]))
IO.inspect(Enum.map(0..6, fn i -> Date.day_of_week(Date.add(d, i)) end))
IO.inspect(Date.day_of_week(d, :sunday))
IO.inspect(Date.day_of_week(~D[0000-01-01]))
IO.inspect(Date.day_of_year(~D[2024-03-01]))
IO.inspect(Date.quarter_of_year(~D[2024-08-01]))
IO.inspect(Date.year_of_era(d))
IO.inspect(Date.day_of_era(~D[2024-01-01]))
IO.inspect(Enum.map([~D[1900-02-01], ~D[2000-02-01], ~D[2023-02-01], ~D[2024-02-01], ~D[2024-04-01]], &Date.days_in_month/1))
IO.inspect(Enum.map([1900, 2000, 2023, 2024], fn y -> Date.leap_year?(Date.new!(y, 1, 1)) end))
IO.inspect(Date.months_in_year(d))
IO.inspect(Date.beginning_of_month(~D[2024-02-11]))
IO.inspect(Date.end_of_month(~D[2024-02-11]))
IO.inspect(Date.end_of_month(~D[2023-02-11]))
IO.inspect(Date.beginning_of_week(~D[2024-01-03]))
IO.inspect(Date.end_of_week(~D[2024-01-03]))
IO.inspect(Date.beginning_of_week(~D[2024-01-03], :sunday))
IO.inspect(Date.to_erl(d))
IO.inspect(Date.from_erl({2024, 3, 1}))
IO.inspect(Date.from_erl({2024, 2, 30}))
IO.inspect(Date.to_gregorian_days(d))
IO.inspect(Date.from_gregorian_days(739281))
IO.inspect(Date.utc_today().__struct__)

# Ranges
r = Date.range(~D[2024-01-01], ~D[2024-01-05])
IO.inspect(r)
IO.inspect(Map.from_struct(r))
IO.inspect(Enum.to_list(r))
IO.inspect(Enum.count(r))
IO.inspect(~D[2024-01-03] in r)
IO.inspect(~D[2024-01-06] in r)
IO.inspect(Enum.map(r, &Date.day_of_week/1))
IO.inspect(Enum.reverse(r))
IO.inspect(Enum.at(r, 2))
IO.inspect(Enum.slice(r, 1..2))
IO.inspect(Enum.filter(r, fn x -> Date.day_of_week(x) < 3 end))
IO.inspect(Enum.reduce(r, 0, fn x, acc -> acc + x.day end))
r2 = Date.range(~D[2024-01-01], ~D[2024-01-10], 3)
IO.inspect(r2)
IO.inspect(Enum.map(r2, &Date.to_string/1))
IO.inspect(Enum.count(r2))
IO.inspect(~D[2024-01-04] in r2)
IO.inspect(~D[2024-01-05] in r2)
IO.inspect(Date.range(~D[2024-01-05], ~D[2024-01-01]))
IO.inspect(Date.range(~D[2024-01-05], ~D[2024-01-01], -2) |> Enum.to_list())
IO.inspect(Date.range(~D[2024-01-01], ~D[2024-01-05], -1) |> Enum.to_list())
for day <- Date.range(~D[2024-02-27], ~D[2024-03-02]), do: IO.puts(day)

# Sorting with the module as sorter
dates = [~D[2024-01-05], ~D[2023-12-31], ~D[2024-01-01]]
IO.inspect(Enum.sort(dates, Date))
IO.inspect(Enum.sort(dates, {:desc, Date}))
IO.inspect(Enum.max(dates, Date))
IO.inspect(Enum.min(dates, Date))

# Sigils in patterns
case Date.add(d, 1) do
  ~D[2024-02-01] -> IO.puts("matched February 1st")
  _ -> IO.puts("no match")
end

%Date{year: year} = d
IO.inspect(year)
IO.inspect(match?(%Date{month: 1}, d))
IO.inspect(inspect(d, structs: false))
IO.inspect([d, ~D[1999-12-31]])
IO.inspect(%{due: d})
