defmodule Calendar do
  @moduledoc """
  Calendar helpers shared by `Date`, `Time`, `NaiveDateTime` and `DateTime`. Only
  `Calendar.ISO` exists, and only the `Etc/UTC` time zone (Elixir's default
  `Calendar.UTCOnlyTimeZoneDatabase`).
  """

  @doc "Elixir's default time zone database, which knows only `Etc/UTC`."
  def get_time_zone_database, do: Calendar.UTCOnlyTimeZoneDatabase

  @doc "Whether two calendars are compatible (only `Calendar.ISO` here)."
  def compatible_calendars?(calendar, calendar), do: true
  def compatible_calendars?(_, _), do: false

  @doc """
  Formats a date, time, naive datetime or datetime with a `strftime` format, as Elixir
  1.14's `Calendar.strftime/3` with its default names: `%a %A %b %B %c %d %f %H %I %j %m %M
  %p %P %q %S %u %x %X %y %Y %z %Z %%`, each with an optional padding flag (`-` none, `0`,
  `_` spaces) and width.
  """
  def strftime(date_or_time, format, _opts \\ []) do
    strftime_chars(String.to_charlist(format), date_or_time, [])
  end

  defp strftime_chars([?%, ?% | rest], t, acc), do: strftime_chars(rest, t, ["%" | acc])

  defp strftime_chars([?% | rest], t, acc) do
    {pad, rest} =
      case rest do
        [f | r] when f == ?- or f == ?0 or f == ?_ -> {f, r}
        r -> {nil, r}
      end

    {width_digits, rest} = Enum.split_while(rest, fn c -> c >= ?0 and c <= ?9 end)
    width = if width_digits == [], do: nil, else: List.to_integer(width_digits)

    case rest do
      [c | rest] -> strftime_chars(rest, t, [strftime_field(c, t, pad, width) | acc])
      [] -> raise ArgumentError, "invalid strftime format: %"
    end
  end

  defp strftime_chars([c | rest], t, acc), do: strftime_chars(rest, t, [<<c::utf8>> | acc])
  defp strftime_chars([], _t, acc), do: IO.iodata_to_binary(:lists.reverse(acc))

  @day_names {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
  @month_names {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

  defp strftime_field(c, t, pad, width) do
    case c do
      ?Y -> number(t.year, pad, width, 4)
      ?y -> number(rem(t.year, 100), pad, width, 2)
      ?m -> number(t.month, pad, width, 2)
      ?d -> number(t.day, pad, width, 2)
      ?H -> number(t.hour, pad, width, 2)
      ?I -> number(rem(t.hour + 11, 12) + 1, pad, width, 2)
      ?M -> number(t.minute, pad, width, 2)
      ?S -> number(t.second, pad, width, 2)
      ?j -> number(Calendar.ISO.day_of_year(t.year, t.month, t.day), pad, width, 3)
      ?u -> number(Date.day_of_week(t), pad, width, 1)
      ?q -> number(Calendar.ISO.quarter_of_year(t.year, t.month, t.day), pad, width, 1)
      ?f -> fraction(t.microsecond)
      ?p -> text(if(t.hour < 12, do: "AM", else: "PM"), pad, width)
      ?P -> text(if(t.hour < 12, do: "am", else: "pm"), pad, width)
      ?a -> text(binary_part(elem(@day_names, Date.day_of_week(t) - 1), 0, 3), pad, width)
      ?A -> text(elem(@day_names, Date.day_of_week(t) - 1), pad, width)
      ?b -> text(binary_part(elem(@month_names, t.month - 1), 0, 3), pad, width)
      ?B -> text(elem(@month_names, t.month - 1), pad, width)
      ?c -> text(strftime(t, "%Y-%m-%d %H:%M:%S"), pad, width)
      ?x -> text(strftime(t, "%Y-%m-%d"), pad, width)
      ?X -> text(strftime(t, "%H:%M:%S"), pad, width)
      ?z -> text(zone_offset(t), pad, width)
      ?Z -> text(Map.get(t, :zone_abbr, ""), pad, width)
      c -> raise ArgumentError, "invalid strftime format: %#{<<c::utf8>>}"
    end
  end

  # At least one digit, as Elixir prints `%f` of a time without fraction ("0").
  defp fraction({us, precision}), do: binary_part(Calendar.ISO.pad(us, 6), 0, max(precision, 1))

  defp zone_offset(%{utc_offset: u, std_offset: s}) do
    total = u + s
    sign = if total < 0, do: "-", else: "+"
    secs = abs(total)
    sign <> Calendar.ISO.pad2(div(secs, 3600)) <> Calendar.ISO.pad2(div(rem(secs, 3600), 60))
  end

  defp zone_offset(_), do: ""

  defp number(n, ?-, _width, _default), do: Integer.to_string(n)
  defp number(n, pad, width, default), do: padded(Integer.to_string(n), if(pad == ?_, do: " ", else: "0"), width || default)

  defp text(s, ?-, _width), do: s
  defp text(s, pad, width), do: padded(s, if(pad == ?0, do: "0", else: " "), width || 0)

  defp padded(s, char, width), do: String.pad_leading(s, width, char)
end

defmodule Calendar.ISO do
  @moduledoc """
  The proleptic Gregorian calendar with ISO 8601 formatting, as Elixir 1.14's
  `Calendar.ISO`: years -9999..9999, "iso days" counted from 0000-01-01 (day 0), day
  fractions in microseconds (`{parts, 86_400_000_000}`), microseconds as `{value, precision}`.
  """

  @parts_per_day 86_400_000_000
  @seconds_per_day 86_400
  # Days from 0000-01-01 to 1970-01-01.
  @unix_epoch 719_528

  @doc false
  def parts_per_day, do: @parts_per_day
  @doc false
  def unix_epoch, do: @unix_epoch

  def leap_year?(year) when is_integer(year) do
    rem(year, 4) == 0 and (rem(year, 100) != 0 or rem(year, 400) == 0)
  end

  def days_in_month(year, 2), do: if(leap_year?(year), do: 29, else: 28)
  def days_in_month(_, month) when month in [4, 6, 9, 11], do: 30
  def days_in_month(_, month) when is_integer(month) and month >= 1 and month <= 12, do: 31

  def months_in_year(_year), do: 12

  def valid_date?(year, month, day) when is_integer(year) and is_integer(month) and is_integer(day) do
    year >= -9999 and year <= 9999 and month >= 1 and month <= 12 and day >= 1 and
      day <= days_in_month(year, month)
  end

  def valid_time?(hour, minute, second, {microsecond, precision})
      when is_integer(hour) and is_integer(minute) and is_integer(second) and is_integer(microsecond) and
             is_integer(precision) do
    hour >= 0 and hour <= 23 and minute >= 0 and minute <= 59 and second >= 0 and second <= 59 and
      microsecond >= 0 and microsecond <= 999_999 and precision >= 0 and precision <= 6
  end

  # ---------------------------------------------------------------------------------------
  # Day counts (Howard Hinnant's civil-day algorithms, shifted to count from 0000-01-01)

  def date_to_iso_days(year, month, day) do
    y = if month <= 2, do: year - 1, else: year
    era = Integer.floor_div(y, 400)
    yoe = y - era * 400
    mp = if month > 2, do: month - 3, else: month + 9
    doy = div(153 * mp + 2, 5) + day - 1
    doe = yoe * 365 + div(yoe, 4) - div(yoe, 100) + doy
    era * 146_097 + doe - 719_468 + @unix_epoch
  end

  def date_from_iso_days(days) when is_integer(days) and days >= -3_652_059 and days <= 3_652_424 do
    z = days - @unix_epoch + 719_468
    era = Integer.floor_div(z, 146_097)
    doe = z - era * 146_097
    yoe = div(doe - div(doe, 1460) + div(doe, 36524) - div(doe, 146_096), 365)
    doy = doe - (365 * yoe + div(yoe, 4) - div(yoe, 100))
    mp = div(5 * doy + 2, 153)
    day = doy - div(153 * mp + 2, 5) + 1
    month = if mp < 10, do: mp + 3, else: mp - 9
    year = yoe + era * 400
    year = if month <= 2, do: year + 1, else: year
    {year, month, day}
  end

  def day_of_week(year, month, day, starting_on \\ :default) do
    offset =
      case starting_on do
        :default -> 5
        :monday -> 5
        :tuesday -> 4
        :wednesday -> 3
        :thursday -> 2
        :friday -> 1
        :saturday -> 0
        :sunday -> 6
      end

    {Integer.mod(date_to_iso_days(year, month, day) + offset, 7) + 1, 1, 7}
  end

  def day_of_year(year, month, day), do: date_to_iso_days(year, month, day) - date_to_iso_days(year, 1, 1) + 1

  def quarter_of_year(_year, month, _day), do: div(month - 1, 3) + 1

  def year_of_era(year) when year > 0, do: {year, 1}
  def year_of_era(year), do: {abs(year) + 1, 0}
  def year_of_era(year, _month, _day), do: year_of_era(year)

  def day_of_era(year, month, day) when year > 0, do: {date_to_iso_days(year, month, day) - 365, 1}
  def day_of_era(year, month, day), do: {366 - date_to_iso_days(year, month, day), 0}

  def time_to_day_fraction(hour, minute, second, {microsecond, _}) do
    {((hour * 60 + minute) * 60 + second) * 1_000_000 + microsecond, @parts_per_day}
  end

  def time_from_day_fraction({parts, ppd}) do
    us = div(parts * @parts_per_day, ppd)
    {hour, us} = {div(us, 3_600_000_000), rem(us, 3_600_000_000)}
    {minute, us} = {div(us, 60_000_000), rem(us, 60_000_000)}
    {hour, minute, div(us, 1_000_000), {rem(us, 1_000_000), 6}}
  end

  def naive_datetime_to_iso_days(year, month, day, hour, minute, second, microsecond) do
    {date_to_iso_days(year, month, day), time_to_day_fraction(hour, minute, second, microsecond)}
  end

  def naive_datetime_from_iso_days({days, day_fraction}) do
    {year, month, day} = date_from_iso_days(days)
    {hour, minute, second, microsecond} = time_from_day_fraction(day_fraction)
    {year, month, day, hour, minute, second, microsecond}
  end

  def iso_days_to_beginning_of_day({days, _}), do: {days, {0, @parts_per_day}}
  def iso_days_to_end_of_day({days, _}), do: {days, {@parts_per_day - 1, @parts_per_day}}

  @doc false
  # Microseconds since 0000-01-01 00:00:00 of a naive datetime's fields.
  def to_us(%{year: y, month: m, day: d, hour: h, minute: mi, second: s, microsecond: {us, _}}) do
    (date_to_iso_days(y, m, d) * @seconds_per_day + (h * 60 + mi) * 60 + s) * 1_000_000 + us
  end

  @doc false
  # `{year, month, day, hour, minute, second, microsecond}` of microseconds since 0000-01-01.
  def from_us(total) do
    days = Integer.floor_div(total, @parts_per_day)
    naive_datetime_from_iso_days({days, {total - days * @parts_per_day, @parts_per_day}})
  end

  @doc false
  # Microseconds in `amount` of `unit` (:day, :hour, :minute, :second, ..., or parts per
  # second), rounded down as `System.convert_time_unit/3` does.
  def unit_to_us(amount, :day), do: amount * @parts_per_day
  def unit_to_us(amount, :hour), do: amount * 3_600_000_000
  def unit_to_us(amount, :minute), do: amount * 60_000_000
  def unit_to_us(amount, unit) when is_integer(amount), do: System.convert_time_unit(amount, normalize_unit(unit), :microsecond)

  @doc false
  def us_to_unit(us, :day), do: Integer.floor_div(us, @parts_per_day)
  def us_to_unit(us, :hour), do: Integer.floor_div(us, 3_600_000_000)
  def us_to_unit(us, :minute), do: Integer.floor_div(us, 60_000_000)
  def us_to_unit(us, unit), do: System.convert_time_unit(us, :microsecond, normalize_unit(unit))

  defp normalize_unit(unit) when unit in [:second, :millisecond, :microsecond, :nanosecond, :native], do: unit
  defp normalize_unit(unit) when is_integer(unit) and unit > 0, do: unit

  defp normalize_unit(unit) do
    raise ArgumentError,
          "unsupported time unit. Expected :second, :millisecond, :microsecond, :nanosecond, or a positive integer, got #{inspect(unit)}"
  end

  @doc false
  def unit_precision(:second), do: 0
  def unit_precision(:millisecond), do: 3
  def unit_precision(:microsecond), do: 6
  def unit_precision(:nanosecond), do: 6
  def unit_precision(:native), do: 6
  def unit_precision(n) when is_integer(n) and n > 0, do: min(ceil_log10(n), 6)

  defp ceil_log10(n), do: ceil_log10(n, 1, 0)
  defp ceil_log10(n, p, acc) when p >= n, do: acc
  defp ceil_log10(n, p, acc), do: ceil_log10(n, p * 10, acc + 1)

  # ---------------------------------------------------------------------------------------
  # Formatting

  @doc false
  def pad2(n) when n < 10, do: "0" <> Integer.to_string(n)
  def pad2(n), do: Integer.to_string(n)

  @doc false
  def pad(n, width) when n < 0, do: "-" <> pad(-n, width)
  def pad(n, width) do
    s = Integer.to_string(n)

    case width - byte_size(s) do
      k when k > 0 -> :binary.copy("0", k) <> s
      _ -> s
    end
  end

  def date_to_string(year, month, day, format \\ :extended)

  def date_to_string(year, month, day, :extended), do: pad(year, 4) <> "-" <> pad2(month) <> "-" <> pad2(day)
  def date_to_string(year, month, day, :basic), do: pad(year, 4) <> pad2(month) <> pad2(day)

  def time_to_string(hour, minute, second, microsecond, format \\ :extended)

  def time_to_string(hour, minute, second, microsecond, :extended),
    do: pad2(hour) <> ":" <> pad2(minute) <> ":" <> pad2(second) <> fraction(microsecond)

  def time_to_string(hour, minute, second, microsecond, :basic),
    do: pad2(hour) <> pad2(minute) <> pad2(second) <> fraction(microsecond)

  defp fraction({_, 0}), do: ""
  defp fraction({us, precision}), do: "." <> binary_part(pad(us, 6), 0, precision)

  def naive_datetime_to_string(year, month, day, hour, minute, second, microsecond, format \\ :extended) do
    date_to_string(year, month, day, format) <> " " <> time_to_string(hour, minute, second, microsecond, format)
  end

  def datetime_to_string(year, month, day, hour, minute, second, microsecond, time_zone, zone_abbr, utc_offset, std_offset, format \\ :extended) do
    base = naive_datetime_to_string(year, month, day, hour, minute, second, microsecond, format)

    case offset_to_string(utc_offset, std_offset, time_zone, format) do
      "Z" -> base <> "Z"
      offset -> base <> offset <> " " <> zone_abbr <> " " <> time_zone
    end
  end

  @doc false
  def offset_to_string(0, 0, "Etc/UTC", _format), do: "Z"

  def offset_to_string(utc, std, _zone, format) do
    total = utc + std
    sign = if total < 0, do: "-", else: "+"
    secs = abs(total)
    sep = if format == :basic, do: "", else: ":"
    sign <> pad2(div(secs, 3600)) <> sep <> pad2(div(rem(secs, 3600), 60))
  end

  @doc false
  # A `~D`/`~T`/`~N`/`~U` literal the compiler could not build (see the compiler's
  # `sigil_calendar.rs`): the value, or the `ArgumentError` Elixir's sigil raises.
  def __sigil__(letter, string) do
    {result, what} =
      case letter do
        "D" -> {Date.from_iso8601(string), "Date"}
        "T" -> {Time.from_iso8601(string), "Time"}
        "N" -> {NaiveDateTime.from_iso8601(string), "NaiveDateTime"}
        "U" -> {utc_sigil(string), "UTC DateTime"}
      end

    case result do
      {:ok, value} -> value
      {:error, reason} -> raise ArgumentError, "cannot parse #{inspect(string)} as #{what} for Calendar.ISO, reason: #{inspect(reason)}"
    end
  end

  defp utc_sigil(string) do
    case DateTime.from_iso8601(string) do
      {:ok, dt, 0} -> {:ok, dt}
      {:ok, _dt, _offset} -> {:error, :non_utc_offset}
      error -> error
    end
  end

  # ---------------------------------------------------------------------------------------
  # Parsing (ISO 8601 extended format)

  def parse_date(string) when is_binary(string) do
    case date_chars(String.to_charlist(string)) do
      {:ok, {y, m, d}, []} -> check_date({y, m, d})
      _ -> {:error, :invalid_format}
    end
  end

  def parse_time(string) when is_binary(string) do
    chars =
      case String.to_charlist(string) do
        [?T | rest] -> rest
        chars -> chars
      end

    with {:ok, time, rest} <- time_chars(chars),
         {:ok, _offset} <- offset_chars(rest) do
      check_time(time)
    else
      _ -> {:error, :invalid_format}
    end
  end

  def parse_naive_datetime(string) when is_binary(string) do
    with {:ok, date, time, rest} <- datetime_chars(String.to_charlist(string)),
         {:ok, _offset} <- offset_chars(rest) do
      check_naive(date, time)
    else
      _ -> {:error, :invalid_format}
    end
  end

  def parse_utc_datetime(string) when is_binary(string) do
    case datetime_chars(String.to_charlist(string)) do
      {:ok, date, time, rest} ->
        case offset_chars(rest) do
          {:ok, nil} ->
            case check_naive(date, time) do
              {:ok, _} -> {:error, :missing_offset}
              error -> error
            end

          {:ok, offset} ->
            case check_naive(date, time) do
              {:ok, {y, m, d, h, mi, s, {us, p}}} ->
                total = to_us(%{year: y, month: m, day: d, hour: h, minute: mi, second: s, microsecond: {us, p}}) - offset * 1_000_000
                {y, m, d, h, mi, s, {us, _}} = from_us(total)
                {:ok, {y, m, d, h, mi, s, {us, p}}, offset}

              error ->
                error
            end

          :error ->
            {:error, :invalid_format}
        end

      _ ->
        {:error, :invalid_format}
    end
  end

  defp check_date({y, m, d}) do
    if valid_date?(y, m, d), do: {:ok, {y, m, d}}, else: {:error, :invalid_date}
  end

  defp check_time({h, mi, s, us}) do
    if valid_time?(h, mi, s, us), do: {:ok, {h, mi, s, us}}, else: {:error, :invalid_time}
  end

  defp check_naive({y, m, d}, {h, mi, s, us}) do
    cond do
      not valid_date?(y, m, d) -> {:error, :invalid_date}
      not valid_time?(h, mi, s, us) -> {:error, :invalid_time}
      true -> {:ok, {y, m, d, h, mi, s, us}}
    end
  end

  defp datetime_chars(chars) do
    case date_chars(chars) do
      {:ok, date, [sep | rest]} when sep == ?T or sep == ?\s or sep == ?t ->
        case time_chars(rest) do
          {:ok, time, rest} -> {:ok, date, time, rest}
          _ -> :error
        end

      _ ->
        :error
    end
  end

  defp date_chars([?- | rest]) do
    case date_chars(rest) do
      {:ok, {y, m, d}, rest} -> {:ok, {-y, m, d}, rest}
      other -> other
    end
  end

  defp date_chars([y1, y2, y3, y4, ?-, m1, m2, ?-, d1, d2 | rest]) do
    with {:ok, y} <- number([y1, y2, y3, y4]),
         {:ok, m} <- number([m1, m2]),
         {:ok, d} <- number([d1, d2]) do
      {:ok, {y, m, d}, rest}
    end
  end

  defp date_chars(_), do: :error

  defp time_chars([h1, h2, ?:, m1, m2, ?:, s1, s2 | rest]) do
    with {:ok, h} <- number([h1, h2]),
         {:ok, m} <- number([m1, m2]),
         {:ok, s} <- number([s1, s2]),
         {:ok, us, rest} <- fraction_chars(rest) do
      {:ok, {h, m, s, us}, rest}
    end
  end

  defp time_chars(_), do: :error

  defp fraction_chars([sep | rest]) when sep in [?., ?,] do
    {digits, rest} = Enum.split_while(rest, fn c -> c >= ?0 and c <= ?9 end)

    case digits do
      [] ->
        :error

      _ ->
        precision = min(length(digits), 6)
        kept = Enum.take(digits, 6) ++ List.duplicate(?0, 6 - precision)
        {:ok, value} = number(kept)
        {:ok, {value, precision}, rest}
    end
  end

  defp fraction_chars(rest), do: {:ok, {0, 0}, rest}

  # `{:ok, nil}` (no offset), `{:ok, seconds}`, or `:error`.
  defp offset_chars([]), do: {:ok, nil}
  defp offset_chars([?Z]), do: {:ok, 0}
  defp offset_chars([?z]), do: {:ok, 0}
  defp offset_chars([?-, ?0, ?0, ?:, ?0, ?0]), do: :error
  defp offset_chars([sign, h1, h2, ?:, m1, m2]) when sign in [?+, ?-], do: offset(sign, [h1, h2], [m1, m2])
  defp offset_chars([sign, h1, h2, m1, m2]) when sign in [?+, ?-], do: offset(sign, [h1, h2], [m1, m2])
  defp offset_chars([sign, h1, h2]) when sign in [?+, ?-], do: offset(sign, [h1, h2], [?0, ?0])
  defp offset_chars(_), do: :error

  defp offset(sign, hh, mm) do
    with {:ok, h} <- number(hh), {:ok, m} <- number(mm) do
      secs = h * 3600 + m * 60
      {:ok, if(sign == ?-, do: -secs, else: secs)}
    end
  end

  defp number(chars) do
    if Enum.all?(chars, fn c -> is_integer(c) and c >= ?0 and c <= ?9 end) do
      {:ok, List.to_integer(chars)}
    else
      :error
    end
  end
end
