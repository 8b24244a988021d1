defmodule DateTime do
  @moduledoc """
  Date and time in a time zone, as Elixir 1.14's `DateTime` with its default
  `Calendar.UTCOnlyTimeZoneDatabase`: only `"Etc/UTC"` exists, and every other zone gives
  `{:error, :utc_only_time_zone_database}` (the `!` functions raise `ArgumentError` with
  Elixir's message). Written as `~U[2024-01-31 10:00:00Z]`.
  """

  defstruct year: nil,
            month: nil,
            day: nil,
            hour: nil,
            minute: nil,
            second: nil,
            time_zone: nil,
            zone_abbr: nil,
            utc_offset: nil,
            std_offset: nil,
            microsecond: {0, 0},
            calendar: Calendar.ISO

  # Unix seconds of -9999-01-01 00:00:00 and 9999-12-31 23:59:59.
  @min_unix -377_705_116_800
  @max_unix 253_402_300_799

  @doc false
  # A UTC DateTime of naive fields.
  def utc({y, m, d, h, mi, s, us}, calendar \\ Calendar.ISO) do
    %DateTime{
      year: y,
      month: m,
      day: d,
      hour: h,
      minute: mi,
      second: s,
      microsecond: us,
      time_zone: "Etc/UTC",
      zone_abbr: "UTC",
      utc_offset: 0,
      std_offset: 0,
      calendar: calendar
    }
  end

  defp naive_fields(%{year: y, month: m, day: d, hour: h, minute: mi, second: s, microsecond: us}), do: {y, m, d, h, mi, s, us}

  def utc_now(calendar \\ Calendar.ISO), do: utc(naive_fields(NaiveDateTime.utc_now()), calendar)

  def now(time_zone, _database \\ nil)
  def now("Etc/UTC", _database), do: {:ok, utc_now()}
  def now(_time_zone, _database), do: {:error, :utc_only_time_zone_database}

  def now!(time_zone, database \\ nil) do
    case now(time_zone, database) do
      {:ok, dt} -> dt
      {:error, reason} -> raise ArgumentError, "cannot get current datetime in #{inspect(time_zone)} time zone, reason: #{inspect(reason)}"
    end
  end

  def new(date, time, time_zone \\ "Etc/UTC", _database \\ nil)

  def new(%{year: y, month: m, day: d}, %{hour: h, minute: mi, second: s, microsecond: us}, "Etc/UTC", _database) do
    {:ok, utc({y, m, d, h, mi, s, us})}
  end

  def new(_date, _time, _time_zone, _database), do: {:error, :utc_only_time_zone_database}

  def new!(date, time, time_zone \\ "Etc/UTC", database \\ nil) do
    case new(date, time, time_zone, database) do
      {:ok, dt} -> dt
      {:error, reason} -> raise ArgumentError, "cannot build datetime with #{inspect(date)} and #{inspect(time)}, reason: #{inspect(reason)}"
    end
  end

  def from_naive(naive, time_zone, _database \\ nil)
  def from_naive(%{calendar: calendar} = naive, "Etc/UTC", _database), do: {:ok, utc(naive_fields(naive), calendar)}
  def from_naive(_naive, _time_zone, _database), do: {:error, :utc_only_time_zone_database}

  def from_naive!(naive, time_zone, database \\ nil) do
    case from_naive(naive, time_zone, database) do
      {:ok, dt} -> dt
      {:error, reason} -> raise ArgumentError, "cannot convert #{inspect(naive)} to datetime, reason: #{inspect(reason)}"
    end
  end

  def from_unix(integer, unit \\ :second, calendar \\ Calendar.ISO) when is_integer(integer) do
    us = Calendar.ISO.unit_to_us(integer, unit)
    seconds = Integer.floor_div(us, 1_000_000)

    if seconds >= @min_unix and seconds <= @max_unix do
      {y, m, d, h, mi, s, {v, _}} = Calendar.ISO.from_us(us + Calendar.ISO.unix_epoch() * Calendar.ISO.parts_per_day())
      {:ok, utc({y, m, d, h, mi, s, {v, Calendar.ISO.unit_precision(unit)}}, calendar)}
    else
      {:error, :invalid_unix_time}
    end
  end

  def from_unix!(integer, unit \\ :second, calendar \\ Calendar.ISO) do
    case from_unix(integer, unit, calendar) do
      {:ok, dt} -> dt
      {:error, :invalid_unix_time} -> raise ArgumentError, "invalid Unix time #{integer}"
    end
  end

  def to_unix(%{utc_offset: u, std_offset: s} = dt, unit \\ :second) do
    us = Calendar.ISO.to_us(dt) - (u + s) * 1_000_000 - Calendar.ISO.unix_epoch() * Calendar.ISO.parts_per_day()
    Calendar.ISO.us_to_unit(us, unit)
  end

  def to_naive(%{calendar: calendar} = dt), do: NaiveDateTime.build(naive_fields(dt), calendar)
  def to_date(dt), do: NaiveDateTime.to_date(dt)
  def to_time(dt), do: NaiveDateTime.to_time(dt)

  def to_iso8601(dt, format \\ :extended, offset \\ nil)

  def to_iso8601(%{utc_offset: u, std_offset: s, time_zone: zone} = dt, format, nil) when format in [:basic, :extended] do
    NaiveDateTime.to_iso8601(dt, format) <> Calendar.ISO.offset_to_string(u, s, zone, format)
  end

  def to_iso8601(dt, format, offset) when is_integer(offset) do
    local = NaiveDateTime.add(to_naive(dt), offset - dt.utc_offset - dt.std_offset)
    zone = if offset == 0, do: "Etc/UTC", else: ""
    NaiveDateTime.to_iso8601(local, format) <> Calendar.ISO.offset_to_string(offset, 0, zone, format)
  end

  def to_string(%{} = dt) do
    {y, m, d, h, mi, s, us} = naive_fields(dt)
    Calendar.ISO.datetime_to_string(y, m, d, h, mi, s, us, dt.time_zone, dt.zone_abbr, dt.utc_offset, dt.std_offset)
  end

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    case Calendar.ISO.parse_utc_datetime(string) do
      {:ok, fields, offset} -> {:ok, utc(fields, calendar), offset}
      error -> error
    end
  end

  def add(%{microsecond: {_, precision}} = dt, amount, unit \\ :second, _database \\ nil) when is_integer(amount) do
    {y, m, d, h, mi, s, {us, _}} = Calendar.ISO.from_us(Calendar.ISO.to_us(dt) + Calendar.ISO.unit_to_us(amount, unit))
    %{dt | year: y, month: m, day: d, hour: h, minute: mi, second: s, microsecond: {us, precision}}
  end

  def diff(dt1, dt2, unit \\ :second)

  # Whole days, hours and minutes of the difference in seconds (rounded toward zero), as 1.14.0.
  def diff(dt1, dt2, unit) when unit in [:day, :hour, :minute],
    do: div(diff(dt1, dt2, :second), Calendar.ISO.unit_to_us(1, unit) |> div(1_000_000))

  def diff(dt1, dt2, unit) do
    Calendar.ISO.us_to_unit(utc_us(dt1), unit) - Calendar.ISO.us_to_unit(utc_us(dt2), unit)
  end

  defp utc_us(%{utc_offset: u, std_offset: s} = dt), do: Calendar.ISO.to_us(dt) - (u + s) * 1_000_000

  def compare(dt1, dt2) do
    a = utc_us(dt1)
    b = utc_us(dt2)

    cond do
      a > b -> :gt
      a < b -> :lt
      true -> :eq
    end
  end

  def truncate(%{microsecond: us} = dt, unit) when unit in [:second, :millisecond, :microsecond] do
    %{dt | microsecond: NaiveDateTime.truncate_us(us, unit)}
  end

  def shift_zone(dt, time_zone, _database \\ nil)
  def shift_zone(%{time_zone: "Etc/UTC"} = dt, "Etc/UTC", _database), do: {:ok, dt}
  def shift_zone(_dt, _time_zone, _database), do: {:error, :utc_only_time_zone_database}

  def shift_zone!(dt, time_zone, database \\ nil) do
    case shift_zone(dt, time_zone, database) do
      {:ok, dt} -> dt
      {:error, reason} -> raise ArgumentError, "cannot shift #{inspect(dt)} to #{inspect(time_zone)} time zone, reason: #{inspect(reason)}"
    end
  end

  def to_gregorian_seconds(%{utc_offset: u, std_offset: s} = dt) do
    {secs, us} = NaiveDateTime.to_gregorian_seconds(dt)
    {secs - u - s, us}
  end

  def from_gregorian_seconds(seconds, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    ndt = NaiveDateTime.from_gregorian_seconds(seconds, microsecond, calendar)
    utc(naive_fields(ndt), calendar)
  end

  def convert(%{calendar: Calendar.ISO} = dt, Calendar.ISO), do: {:ok, dt}
  def convert(_dt, _calendar), do: {:error, :incompatible_calendars}

  def convert!(dt, calendar) do
    {:ok, dt} = convert(dt, calendar)
    dt
  end
end
