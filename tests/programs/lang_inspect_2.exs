# strings with escapes and unicode
for s <- ["plain", "with \"quotes\"", "new\nline", "tab\t", "back\\slash", "bell\a", "esc\e", "null\0", "del\x7F", "héllo wörld", "日本語", "emoji 😀", "\#{not interp}", "#", "\r\n", <<255>>, "a\x01b", "\v\f\b", ""] do
  IO.puts(inspect(s))
end
IO.inspect("multi\nline", binaries: :as_strings)
IO.inspect(<<104, 105>>)
IO.inspect(<<0, 1>>)
IO.inspect("abc", binaries: :as_binaries)
IO.inspect("abc" <> <<0>>)
IO.puts(inspect("x", printable_limit: 0))
IO.puts(inspect(String.duplicate("ab", 10), printable_limit: 5))
