defmodule NaiveDateTime do
  @moduledoc """
  Date and time without a time zone: `%NaiveDateTime{year, month, day, hour, minute,
  second, microsecond: {value, precision}, calendar: Calendar.ISO}`, as Elixir 1.14's
  `NaiveDateTime`. Written as `~N[2024-01-31 23:00:07]`. Arithmetic keeps the precision of
  its argument (as 1.14.0 does); units are `:day`, `:hour`, `:minute`, `:second`,
  `:millisecond`, `:microsecond`, `:nanosecond` or parts per second.
  """

  defstruct year: nil, month: nil, day: nil, hour: nil, minute: nil, second: nil, microsecond: {0, 0}, calendar: Calendar.ISO

  def new(%{year: y, month: m, day: d}, %{hour: h, minute: mi, second: s, microsecond: us}) do
    new(y, m, d, h, mi, s, us)
  end

  def new(year, month, day, hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)

  def new(year, month, day, hour, minute, second, microsecond, calendar) when is_integer(microsecond),
    do: new(year, month, day, hour, minute, second, {microsecond, 6}, calendar)

  def new(year, month, day, hour, minute, second, microsecond, calendar) do
    cond do
      not Calendar.ISO.valid_date?(year, month, day) ->
        {:error, :invalid_date}

      not Calendar.ISO.valid_time?(hour, minute, second, microsecond) ->
        {:error, :invalid_time}

      true ->
        {:ok,
         %NaiveDateTime{
           year: year,
           month: month,
           day: day,
           hour: hour,
           minute: minute,
           second: second,
           microsecond: microsecond,
           calendar: calendar
         }}
    end
  end

  def new!(date, time) do
    case new(date, time) do
      {:ok, ndt} -> ndt
      {:error, reason} -> raise ArgumentError, "cannot build naive datetime, reason: #{inspect(reason)}"
    end
  end

  def new!(year, month, day, hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case new(year, month, day, hour, minute, second, microsecond, calendar) do
      {:ok, ndt} -> ndt
      {:error, reason} -> raise ArgumentError, "cannot build naive datetime, reason: #{inspect(reason)}"
    end
  end

  @doc false
  def build({y, m, d, h, mi, s, us}, calendar \\ Calendar.ISO) do
    %NaiveDateTime{year: y, month: m, day: d, hour: h, minute: mi, second: s, microsecond: us, calendar: calendar}
  end

  @doc false
  # Microseconds since 0000-01-01 of now (UTC).
  def now_us, do: System.os_time(:microsecond) + Calendar.ISO.unix_epoch() * Calendar.ISO.parts_per_day()

  def utc_now(calendar \\ Calendar.ISO), do: build(Calendar.ISO.from_us(now_us()), calendar)

  def local_now(calendar \\ Calendar.ISO), do: utc_now(calendar)

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    case Calendar.ISO.parse_naive_datetime(string) do
      {:ok, fields} -> {:ok, build(fields, calendar)}
      error -> error
    end
  end

  def from_iso8601!(string, calendar \\ Calendar.ISO) do
    case from_iso8601(string, calendar) do
      {:ok, ndt} -> ndt
      {:error, reason} -> raise ArgumentError, "cannot parse #{inspect(string)} as naive datetime, reason: #{inspect(reason)}"
    end
  end

  def to_iso8601(%{year: y, month: m, day: d, hour: h, minute: mi, second: s, microsecond: us}, format \\ :extended)
      when format in [:basic, :extended] do
    Calendar.ISO.date_to_string(y, m, d, format) <> "T" <> Calendar.ISO.time_to_string(h, mi, s, us, format)
  end

  def to_string(%{year: y, month: m, day: d, hour: h, minute: mi, second: s, microsecond: us}) do
    Calendar.ISO.naive_datetime_to_string(y, m, d, h, mi, s, us)
  end

  def from_erl(tuple, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)

  def from_erl({{y, m, d}, {h, mi, s}}, microsecond, calendar), do: new(y, m, d, h, mi, s, microsecond, calendar)

  def from_erl!(tuple, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case from_erl(tuple, microsecond, calendar) do
      {:ok, ndt} -> ndt
      {:error, reason} -> raise ArgumentError, "cannot convert #{inspect(tuple)} to naive datetime, reason: #{inspect(reason)}"
    end
  end

  def to_erl(%{year: y, month: m, day: d, hour: h, minute: mi, second: s}), do: {{y, m, d}, {h, mi, s}}

  def to_date(%{year: y, month: m, day: d} = ndt), do: %Date{year: y, month: m, day: d, calendar: Map.get(ndt, :calendar, Calendar.ISO)}

  def to_time(%{hour: h, minute: mi, second: s, microsecond: us} = ndt),
    do: %Time{hour: h, minute: mi, second: s, microsecond: us, calendar: Map.get(ndt, :calendar, Calendar.ISO)}

  def to_gregorian_seconds(ndt) do
    us = Calendar.ISO.to_us(ndt)
    {Integer.floor_div(us, 1_000_000), Integer.mod(us, 1_000_000)}
  end

  def from_gregorian_seconds(seconds, {microsecond, precision} \\ {0, 0}, calendar \\ Calendar.ISO) when is_integer(seconds) do
    {y, m, d, h, mi, s, _} = Calendar.ISO.from_us(seconds * 1_000_000)
    build({y, m, d, h, mi, s, {microsecond, precision}}, calendar)
  end

  def add(%{microsecond: {_, precision}} = ndt, amount, unit \\ :second) when is_integer(amount) do
    {y, m, d, h, mi, s, {us, _}} = Calendar.ISO.from_us(Calendar.ISO.to_us(ndt) + Calendar.ISO.unit_to_us(amount, unit))
    %{ndt | year: y, month: m, day: d, hour: h, minute: mi, second: s, microsecond: {us, precision}}
  end

  def diff(ndt1, ndt2, unit \\ :second)

  # Whole days, hours and minutes of the difference in seconds (rounded toward zero), as 1.14.0.
  def diff(ndt1, ndt2, unit) when unit in [:day, :hour, :minute],
    do: div(diff(ndt1, ndt2, :second), Calendar.ISO.unit_to_us(1, unit) |> div(1_000_000))

  def diff(ndt1, ndt2, unit) do
    Calendar.ISO.us_to_unit(Calendar.ISO.to_us(ndt1), unit) - Calendar.ISO.us_to_unit(Calendar.ISO.to_us(ndt2), unit)
  end

  def compare(ndt1, ndt2) do
    a = Calendar.ISO.to_us(ndt1)
    b = Calendar.ISO.to_us(ndt2)

    cond do
      a > b -> :gt
      a < b -> :lt
      true -> :eq
    end
  end

  def truncate(%{microsecond: us} = ndt, unit) when unit in [:second, :millisecond, :microsecond] do
    %{ndt | microsecond: truncate_us(us, unit)}
  end

  @doc false
  def truncate_us(us, :microsecond), do: us
  def truncate_us({us, precision}, :millisecond), do: {div(us, 1000) * 1000, min(precision, 3)}
  def truncate_us(_, :second), do: {0, 0}

  def convert(%{calendar: Calendar.ISO} = ndt, Calendar.ISO), do: {:ok, ndt}
  def convert(_ndt, _calendar), do: {:error, :incompatible_calendars}

  def convert!(ndt, calendar) do
    {:ok, ndt} = convert(ndt, calendar)
    ndt
  end
end
