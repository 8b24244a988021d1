ExUnit.start()

defmodule CalendarTest do
  use ExUnit.Case, async: true

  test "iso days round-trip and agree with :calendar across four centuries" do
    for days <- Enum.concat([-146_097..-146_000, -800..800, 0..146_097//97, 730_000..740_000//13]) do
      {y, m, d} = Calendar.ISO.date_from_iso_days(days)
      assert Calendar.ISO.valid_date?(y, m, d) or y < -9999
      assert Calendar.ISO.date_to_iso_days(y, m, d) == days
      if days >= 0, do: assert(:calendar.gregorian_days_to_date(days) == {y, m, d})
    end
  end

  test "consecutive days step through months and years" do
    dates = Enum.to_list(Date.range(~D[1999-12-30], ~D[2000-03-02]))
    assert length(dates) == 64
    assert Enum.at(dates, 2) == ~D[2000-01-01]
    assert ~D[2000-02-29] in dates
    assert Enum.zip(dates, tl(dates)) |> Enum.all?(fn {a, b} -> Date.diff(b, a) == 1 end)
  end

  test "day of week cycles Monday to Sunday" do
    days = for i <- 0..13, do: Date.day_of_week(Date.add(~D[2024-01-01], i))
    assert days == [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7]
    assert :calendar.day_of_the_week(2024, 1, 1) == 1
  end

  test "sigils build the structs" do
    assert ~D[2024-01-31] == %Date{year: 2024, month: 1, day: 31}
    assert ~T[10:00:00.100].microsecond == {100_000, 3}
    assert ~N[2024-01-31 10:00:00] == NaiveDateTime.new!(2024, 1, 31, 10, 0, 0)
    assert ~U[2024-01-31 10:00:00Z] == DateTime.from_naive!(~N[2024-01-31 10:00:00], "Etc/UTC")
  end

  test "unix time round-trips" do
    for secs <- [-1, 0, 1, 951_782_400, 1_700_000_000, 253_402_300_799] do
      {:ok, dt} = DateTime.from_unix(secs)
      assert DateTime.to_unix(dt) == secs
    end

    assert DateTime.from_unix(253_402_300_800) == {:error, :invalid_unix_time}
  end

  test "printing" do
    assert inspect(~D[2024-01-31]) == "~D[2024-01-31]"
    assert to_string(~T[10:00:00.100]) == "10:00:00.100"
    assert "#{~U[2024-01-31 10:00:00Z]}" == "2024-01-31 10:00:00Z"
  end
end
