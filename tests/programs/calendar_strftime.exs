# Calendar.strftime/2: every conversion, padding flag and width.
t = ~N[0005-01-05 07:08:09.012345]
for f <- ~w(%Y %y %m %d %H %I %M %S %f %p %P %j %a %A %b %B %u %q %-d %_d %0d %5d %-j %_j %-Y %6Y %_6Y %-f %3f %c %x %X %-I %_H %10A %-A %_B %_p %3S), do: IO.puts(f <> " [" <> Calendar.strftime(t, f) <> "]")
IO.puts Calendar.strftime(~U[2024-01-31 13:05:09.123Z], "%z %Z")
IO.puts Calendar.strftime(~T[01:02:03], "[%f] %p %I")
IO.puts Calendar.strftime(~D[2024-07-04], "%A, %B %-d, %Y (%j, q%q)")
IO.puts Calendar.strftime(~U[2024-01-31 13:05:09.123Z], "%z %Z")
