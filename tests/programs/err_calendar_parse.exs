IO.puts(Date.from_iso8601!("2024-02-29"))
IO.puts(Date.from_iso8601!("2023-02-29"))
