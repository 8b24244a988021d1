# Character literals with escapes. Elixir 1.14 has no hex or Unicode escapes in `?`:
# ?\x is x and ?\u is u (it warns on stderr), unlike "\x41" in a string.
IO.inspect([?\n, ?\s, ?\t, ?\0, ?\a, ?\b, ?\d, ?\e, ?\f, ?\r, ?\v, ?\\, ?\", ?\q, ?\x, ?\u, ?\N])
IO.inspect({?a, ?é, ?\x, "\x41", "\u0041"})
