# PCRE features through fancy-regex: back-references, look-around, named groups, modifiers,
# options of run/scan/replace/split/named_captures, and the error cases.
IO.inspect Regex.run(~r/(\w)\1/, "hello")
IO.inspect Regex.run(~r/(?<=\$)\d+/, "cost $42")
IO.inspect Regex.scan(~r/(?<!\d)\d{2}(?!\d)/, "1 22 333 44")
IO.inspect Regex.run(~r/(?<word>\w+)\s\k<word>/, "the the cat")
IO.inspect Regex.replace(~r/(\w)\1/, "hello bookkeeper", "<\\1\\1>")
IO.inspect Regex.replace(~r/(?<first>\w+) (?<last>\w+)/, "ada lovelace", "\\g{2}, \\g{1}")
IO.inspect Regex.replace(~r/\d+/, "a1b22c333", fn m -> "<#{String.length(m)}>" end)
IO.inspect Regex.replace(~r/\d/, "a1b2", "#", global: false)
IO.inspect Regex.split(~r/(?=[A-Z])/, "HelloWorldFoo", trim: true)
IO.inspect Regex.split(~r/,/, "a,b,,c", parts: 2)
IO.inspect Regex.split(~r/(-)/, "a-b-c", include_captures: true)
# modifiers
IO.inspect Regex.run(~r/A/i, "xa")
IO.inspect Regex.run(~r/^b$/m, "a\nb\nc")
IO.inspect Regex.run(~r/^b$/, "a\nb\nc")
IO.inspect Regex.run(~r/a.c/s, "a\nc")
IO.inspect Regex.run(~r/a.c/, "a\nc")
IO.inspect Regex.run(~r/a b # comment
  c/x, "abc")
IO.inspect Regex.run(~r/a+/U, "aaa")
IO.inspect Regex.run(~r/\w+/u, "héllo wörld")
IO.inspect Regex.run(~r/b/f, "a\nb")
IO.inspect Regex.run(~r/a/f, "a\nb")
IO.inspect Regex.run(~r/^\d+$/, "123\n")
IO.inspect Regex.run(~r/^\d+\Z/, "123\n")
IO.inspect Regex.run(~r/^\d+\z/, "123\n")
IO.inspect Regex.match?(~r/(a)(?!b)/, "ab ac")
# options
IO.inspect Regex.scan(~r/(a)(x)?/, "aa", return: :index)
IO.inspect Regex.run(~r/(\d)(\d)/, "a12", capture: :all_but_first)
IO.inspect Regex.run(~r/(?<a>\d)(?<b>\d)/, "a12", capture: :all_names)
IO.inspect Regex.run(~r/(?<a>\d)(?<b>\d)/, "a12", capture: ["b"])
IO.inspect Regex.run(~r/\d/, "a1b2", offset: 2)
IO.inspect Regex.run(~r/\d/, "a1", capture: :none)
IO.inspect Regex.scan(~r/a*/, "baaa")
IO.inspect Regex.named_captures(~r/(?<y>\d+)-(?<m>\d+)/, "2020-12")
IO.inspect Regex.named_captures(~r/(?<y>\d+)-(?<m>\d+)/, "2020-12", return: :index)
IO.inspect Regex.named_captures(~r/(?<y>\d+)/, "none")
IO.inspect Regex.names(~r/(?<zeta>.)(?<alpha>.)/)
IO.inspect "aXbXc" =~ ~r/x/i
IO.inspect String.split("a1b22c", ~r/\d+/)
# a pathological pattern finishes (no hang)
IO.inspect Regex.run(~r/(a+)+$/, String.duplicate("a", 30) <> "b")
# bytes that are not UTF-8 without the u flag
IO.inspect Regex.run(~r/a/, <<255, ?a>>, return: :index)
# errors
IO.inspect Regex.compile("(a")
IO.inspect Regex.compile("a", "z")
IO.inspect Regex.compile("a", "iz")
try do Regex.compile!("(a") rescue e -> IO.inspect e end
try do Regex.run(~r/a/u, <<255, ?a>>) rescue e -> IO.inspect e.__struct__ end
try do Regex.compile("a", [:caseless, :foo]) rescue e -> IO.inspect e.__struct__ end
