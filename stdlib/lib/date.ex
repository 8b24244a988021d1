defmodule Date do
  @moduledoc """
  Dates of `Calendar.ISO`: `%Date{year, month, day, calendar: Calendar.ISO}`, as Elixir
  1.14's `Date`. Functions that read only the date fields also take a `NaiveDateTime` or a
  `DateTime` (Elixir's `Calendar.date` type). Written as `~D[2024-01-31]`.
  """

  defstruct year: nil, month: nil, day: nil, calendar: Calendar.ISO

  def new(year, month, day, calendar \\ Calendar.ISO) when is_integer(year) and is_integer(month) and is_integer(day) do
    if Calendar.ISO.valid_date?(year, month, day) do
      {:ok, %Date{year: year, month: month, day: day, calendar: calendar}}
    else
      {:error, :invalid_date}
    end
  end

  def new!(year, month, day, calendar \\ Calendar.ISO) do
    case new(year, month, day, calendar) do
      {:ok, date} -> date
      {:error, reason} -> raise ArgumentError, "cannot build date, reason: #{inspect(reason)}"
    end
  end

  @doc false
  def build({year, month, day}), do: %Date{year: year, month: month, day: day}

  def utc_today(calendar \\ Calendar.ISO) do
    {y, m, d, _, _, _, _} = Calendar.ISO.from_us(System.os_time(:microsecond) + Calendar.ISO.unix_epoch() * Calendar.ISO.parts_per_day())
    %Date{year: y, month: m, day: d, calendar: calendar}
  end

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    case Calendar.ISO.parse_date(string) do
      {:ok, {y, m, d}} -> {:ok, %Date{year: y, month: m, day: d, calendar: calendar}}
      error -> error
    end
  end

  def from_iso8601!(string, calendar \\ Calendar.ISO) do
    case from_iso8601(string, calendar) do
      {:ok, date} -> date
      {:error, reason} -> raise ArgumentError, "cannot parse #{inspect(string)} as date, reason: #{inspect(reason)}"
    end
  end

  def to_iso8601(%{year: y, month: m, day: d}, format \\ :extended) when format in [:basic, :extended] do
    Calendar.ISO.date_to_string(y, m, d, format)
  end

  def to_string(%{year: y, month: m, day: d}), do: Calendar.ISO.date_to_string(y, m, d)

  def from_erl(tuple, calendar \\ Calendar.ISO)
  def from_erl({year, month, day}, calendar), do: new(year, month, day, calendar)

  def from_erl!(tuple, calendar \\ Calendar.ISO) do
    case from_erl(tuple, calendar) do
      {:ok, date} -> date
      {:error, reason} -> raise ArgumentError, "cannot convert #{inspect(tuple)} to date, reason: #{inspect(reason)}"
    end
  end

  def to_erl(%{year: y, month: m, day: d}), do: {y, m, d}

  def to_gregorian_days(%{year: y, month: m, day: d}), do: Calendar.ISO.date_to_iso_days(y, m, d)
  def from_gregorian_days(days, calendar \\ Calendar.ISO) when is_integer(days) do
    %{build(Calendar.ISO.date_from_iso_days(days)) | calendar: calendar}
  end

  def add(%{year: y, month: m, day: d} = date, days) when is_integer(days) do
    {y, m, d} = Calendar.ISO.date_from_iso_days(Calendar.ISO.date_to_iso_days(y, m, d) + days)
    %Date{year: y, month: m, day: d, calendar: Map.get(date, :calendar, Calendar.ISO)}
  end

  def diff(%{year: y1, month: m1, day: d1}, %{year: y2, month: m2, day: d2}) do
    Calendar.ISO.date_to_iso_days(y1, m1, d1) - Calendar.ISO.date_to_iso_days(y2, m2, d2)
  end

  def compare(%{year: y1, month: m1, day: d1}, %{year: y2, month: m2, day: d2}) do
    a = {y1, m1, d1}
    b = {y2, m2, d2}

    cond do
      a > b -> :gt
      a < b -> :lt
      true -> :eq
    end
  end

  def convert(%{calendar: Calendar.ISO} = date, Calendar.ISO), do: {:ok, date}
  def convert(_date, _calendar), do: {:error, :incompatible_calendars}

  def convert!(date, calendar) do
    case convert(date, calendar) do
      {:ok, value} -> value
      {:error, reason} -> raise ArgumentError, "cannot convert #{inspect(date)} to target calendar #{inspect(calendar)}, reason: #{inspect(reason)}"
    end
  end

  def day_of_week(%{year: y, month: m, day: d}, starting_on \\ :default) do
    {dow, _, _} = Calendar.ISO.day_of_week(y, m, d, starting_on)
    dow
  end

  def day_of_year(%{year: y, month: m, day: d}), do: Calendar.ISO.day_of_year(y, m, d)
  def day_of_era(%{year: y, month: m, day: d}), do: Calendar.ISO.day_of_era(y, m, d)
  def year_of_era(%{year: y}), do: Calendar.ISO.year_of_era(y)
  def quarter_of_year(%{year: y, month: m, day: d}), do: Calendar.ISO.quarter_of_year(y, m, d)
  def days_in_month(%{year: y, month: m}), do: Calendar.ISO.days_in_month(y, m)
  def months_in_year(%{year: y}), do: Calendar.ISO.months_in_year(y)
  def leap_year?(%{year: y}), do: Calendar.ISO.leap_year?(y)

  def beginning_of_month(%{year: y, month: m} = date), do: %Date{year: y, month: m, day: 1, calendar: Map.get(date, :calendar, Calendar.ISO)}

  def end_of_month(%{year: y, month: m} = date) do
    %Date{year: y, month: m, day: Calendar.ISO.days_in_month(y, m), calendar: Map.get(date, :calendar, Calendar.ISO)}
  end

  def beginning_of_week(date, starting_on \\ :default) do
    add(date, 1 - day_of_week(date, starting_on))
  end

  def end_of_week(date, starting_on \\ :default) do
    add(date, 7 - day_of_week(date, starting_on))
  end

  def range(%{calendar: c} = first, %{calendar: c} = last) do
    first_days = to_gregorian_days(first)
    last_days = to_gregorian_days(last)
    step = if first_days <= last_days, do: 1, else: -1
    range_struct(first, last, first_days, last_days, step)
  end

  def range(first, last) do
    raise ArgumentError, "both dates must have matching calendars, got: #{inspect(first)} and #{inspect(last)}"
  end

  def range(%{calendar: c} = first, %{calendar: c} = last, step) when is_integer(step) and step != 0 do
    range_struct(first, last, to_gregorian_days(first), to_gregorian_days(last), step)
  end

  def range(first, last, step) do
    raise ArgumentError,
          "both dates must have matching calendar and the step must be a non-zero integer, got: #{inspect(first)}, #{inspect(last)}, #{inspect(step)}"
  end

  defp range_struct(first, last, first_days, last_days, step) do
    %{
      __struct__: Date.Range,
      first: first,
      last: last,
      first_in_iso_days: first_days,
      last_in_iso_days: last_days,
      step: step
    }
  end
end

defmodule Date.Range do
  @moduledoc """
  `Date.range/2,3`: `%Date.Range{first, last, first_in_iso_days, last_in_iso_days, step}`.
  `Enum` and `in` enumerate it (see `Enum`); `to_range/1` gives the integer range of its iso days.
  """

  defstruct first: nil, last: nil, first_in_iso_days: nil, last_in_iso_days: nil, step: nil

  @doc false
  # The iso days as an integer range (step included), which Enum enumerates.
  def to_range(%{first_in_iso_days: first, last_in_iso_days: last, step: step}), do: Range.new(first, last, step)

  @doc false
  def to_list(range), do: Enum.map(Enum.to_list(to_range(range)), &Date.from_gregorian_days/1)

  @doc false
  def count(range), do: Range.size(to_range(range))

  @doc false
  def member?(range, %{__struct__: Date, year: y, month: m, day: d, calendar: Calendar.ISO}) do
    Enum.member?(to_range(range), Calendar.ISO.date_to_iso_days(y, m, d))
  end

  def member?(_range, _other), do: false
end
