defmodule Time do
  @moduledoc """
  Times of day: `%Time{hour, minute, second, microsecond: {value, precision}, calendar:
  Calendar.ISO}`, as Elixir 1.14's `Time`. Written as `~T[23:00:07.001]`. Functions that
  read only the time fields also take a `NaiveDateTime` or a `DateTime`.
  """

  defstruct hour: nil, minute: nil, second: nil, microsecond: {0, 0}, calendar: Calendar.ISO

  @us_per_day 86_400_000_000

  def new(hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)

  def new(hour, minute, second, microsecond, calendar) when is_integer(microsecond),
    do: new(hour, minute, second, {microsecond, 6}, calendar)

  def new(hour, minute, second, {us, precision} = microsecond, calendar)
      when is_integer(hour) and is_integer(minute) and is_integer(second) and is_integer(us) and is_integer(precision) do
    if Calendar.ISO.valid_time?(hour, minute, second, microsecond) do
      {:ok, %Time{hour: hour, minute: minute, second: second, microsecond: microsecond, calendar: calendar}}
    else
      {:error, :invalid_time}
    end
  end

  def new!(hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case new(hour, minute, second, microsecond, calendar) do
      {:ok, time} -> time
      {:error, reason} -> raise ArgumentError, "cannot build time, reason: #{inspect(reason)}"
    end
  end

  def utc_now(calendar \\ Calendar.ISO) do
    ndt = NaiveDateTime.utc_now(calendar)
    NaiveDateTime.to_time(ndt)
  end

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    case Calendar.ISO.parse_time(string) do
      {:ok, {h, mi, s, us}} -> {:ok, %Time{hour: h, minute: mi, second: s, microsecond: us, calendar: calendar}}
      error -> error
    end
  end

  def from_iso8601!(string, calendar \\ Calendar.ISO) do
    case from_iso8601(string, calendar) do
      {:ok, time} -> time
      {:error, reason} -> raise ArgumentError, "cannot parse #{inspect(string)} as time, reason: #{inspect(reason)}"
    end
  end

  def to_iso8601(%{hour: h, minute: mi, second: s, microsecond: us}, format \\ :extended) when format in [:basic, :extended] do
    Calendar.ISO.time_to_string(h, mi, s, us, format)
  end

  def to_string(%{hour: h, minute: mi, second: s, microsecond: us}), do: Calendar.ISO.time_to_string(h, mi, s, us)

  def from_erl(tuple, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)
  def from_erl({hour, minute, second}, microsecond, calendar), do: new(hour, minute, second, microsecond, calendar)

  def from_erl!(tuple, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case from_erl(tuple, microsecond, calendar) do
      {:ok, time} -> time
      {:error, reason} -> raise ArgumentError, "cannot convert #{inspect(tuple)} to time, reason: #{inspect(reason)}"
    end
  end

  def to_erl(%{hour: h, minute: mi, second: s}), do: {h, mi, s}

  def from_seconds_after_midnight(seconds, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) when is_integer(seconds) do
    seconds = Integer.mod(seconds, 86_400)
    %Time{hour: div(seconds, 3600), minute: div(rem(seconds, 3600), 60), second: rem(seconds, 60), microsecond: microsecond, calendar: calendar}
  end

  def to_seconds_after_midnight(%{hour: h, minute: mi, second: s, microsecond: {us, _}}) do
    {(h * 60 + mi) * 60 + s, us}
  end

  @doc false
  # Microseconds since midnight.
  def to_us(%{hour: h, minute: mi, second: s, microsecond: {us, _}}), do: ((h * 60 + mi) * 60 + s) * 1_000_000 + us

  defp from_us(us, precision, calendar) do
    us = Integer.mod(us, @us_per_day)
    %Time{
      hour: div(us, 3_600_000_000),
      minute: div(rem(us, 3_600_000_000), 60_000_000),
      second: div(rem(us, 60_000_000), 1_000_000),
      microsecond: {rem(us, 1_000_000), precision},
      calendar: calendar
    }
  end

  def add(%{microsecond: {_, precision}} = time, amount, unit \\ :second) when is_integer(amount) do
    from_us(to_us(time) + Calendar.ISO.unit_to_us(amount, unit), precision, Map.get(time, :calendar, Calendar.ISO))
  end

  def diff(time1, time2, unit \\ :second)

  # Whole days, hours and minutes of the difference in seconds (rounded toward zero), as 1.14.0.
  def diff(time1, time2, unit) when unit in [:day, :hour, :minute],
    do: div(diff(time1, time2, :second), Calendar.ISO.unit_to_us(1, unit) |> div(1_000_000))

  def diff(time1, time2, unit) do
    Calendar.ISO.us_to_unit(to_us(time1), unit) - Calendar.ISO.us_to_unit(to_us(time2), unit)
  end

  def compare(time1, time2) do
    a = to_us(time1)
    b = to_us(time2)

    cond do
      a > b -> :gt
      a < b -> :lt
      true -> :eq
    end
  end

  def truncate(%{microsecond: us} = time, unit) when unit in [:second, :millisecond, :microsecond] do
    %{time | microsecond: NaiveDateTime.truncate_us(us, unit)}
  end

  def convert(%{calendar: Calendar.ISO} = time, Calendar.ISO), do: {:ok, time}
  def convert(_time, _calendar), do: {:error, :incompatible_calendars}

  def convert!(time, calendar) do
    {:ok, time} = convert(time, calendar)
    time
  end
end
