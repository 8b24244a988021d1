defmodule :calendar do
  @moduledoc """
  Erlang's `calendar` module (OTP 25), its common functions: dates are `{year, month, day}`,
  times `{hour, minute, second}`, datetimes `{date, time}`; gregorian days and seconds count
  from year 0 (`{0, 1, 1}` is day 0). The local time zone is UTC.
  """

  def local_time, do: universal_time()

  def universal_time do
    {y, m, d, h, mi, s, _} = Calendar.ISO.from_us(NaiveDateTime.now_us())
    {{y, m, d}, {h, mi, s}}
  end

  def local_time_to_universal_time(datetime), do: datetime
  def local_time_to_universal_time(datetime, _is_dst), do: datetime
  def local_time_to_universal_time_dst(datetime), do: [datetime]
  def universal_time_to_local_time(datetime), do: datetime

  def now_to_datetime({mega, secs, micro}), do: gregorian_seconds_to_datetime(div(mega * 1_000_000_000_000 + secs * 1_000_000 + micro, 1_000_000) + 62_167_219_200)
  def now_to_universal_time(now), do: now_to_datetime(now)
  def now_to_local_time(now), do: now_to_datetime(now)

  def system_time_to_universal_time(time, unit) do
    gregorian_seconds_to_datetime(System.convert_time_unit(time, unit, :second) + 62_167_219_200)
  end

  def system_time_to_local_time(time, unit), do: system_time_to_universal_time(time, unit)

  def date_to_gregorian_days({year, month, day}), do: date_to_gregorian_days(year, month, day)

  def date_to_gregorian_days(year, month, day) when is_integer(year) and year >= 0 and is_integer(month) and is_integer(day) do
    if valid_date(year, month, day) do
      Calendar.ISO.date_to_iso_days(year, month, day)
    else
      :erlang.error(:if_clause)
    end
  end

  def gregorian_days_to_date(days) when is_integer(days) and days >= 0, do: Calendar.ISO.date_from_iso_days(days)

  def datetime_to_gregorian_seconds({date, {h, mi, s}}) do
    date_to_gregorian_days(date) * 86_400 + h * 3600 + mi * 60 + s
  end

  def gregorian_seconds_to_datetime(secs) when is_integer(secs) and secs >= 0 do
    days = div(secs, 86_400)
    {gregorian_days_to_date(days), seconds_to_time(rem(secs, 86_400))}
  end

  def day_of_the_week({year, month, day}), do: day_of_the_week(year, month, day)

  def day_of_the_week(year, month, day), do: rem(date_to_gregorian_days(year, month, day) + 5, 7) + 1

  def is_leap_year(year) when is_integer(year) and year >= 0, do: Calendar.ISO.leap_year?(year)

  def last_day_of_the_month(year, month) when is_integer(year) and year >= 0 and is_integer(month) and month > 0 and month < 13 do
    Calendar.ISO.days_in_month(year, month)
  end

  def valid_date({year, month, day}), do: valid_date(year, month, day)

  def valid_date(year, month, day) when is_integer(year) and is_integer(month) and is_integer(day) do
    year >= 0 and month > 0 and month < 13 and day > 0 and day <= Calendar.ISO.days_in_month(year, month)
  end

  def seconds_to_time(secs) when is_integer(secs) and secs >= 0 and secs < 86_400 do
    {div(secs, 3600), div(rem(secs, 3600), 60), rem(secs, 60)}
  end

  def seconds_to_daystime(secs) when is_integer(secs) do
    days = Integer.floor_div(secs, 86_400)
    {days, seconds_to_time(secs - days * 86_400)}
  end

  def time_to_seconds({h, mi, s}), do: h * 3600 + mi * 60 + s

  def iso_week_number, do: iso_week_number(elem(local_time(), 0))

  def iso_week_number({year, month, day}) do
    # The ISO week holds the Thursday of the same week.
    days = date_to_gregorian_days(year, month, day)
    thursday = days - day_of_the_week(year, month, day) + 4
    {ty, _, _} = gregorian_days_to_date(thursday)
    {ty, div(thursday - date_to_gregorian_days(ty, 1, 1), 7) + 1}
  end
end
