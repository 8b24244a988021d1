# feature: Unicode strings: graphemes, case mapping, lengths
# case: graphemes and codepoints
s = "e\u0301té 👍🏽"
IO.inspect({String.length(s), String.graphemes(s), String.codepoints("añ"), byte_size(s)})
# case: case mapping
IO.inspect({String.upcase("straße"), String.downcase("ÀÉÎ"), String.capitalize("élan")})
# case: slicing and padding
IO.inspect({String.slice("héllo", 1..3), String.pad_leading("7", 3, "0"), String.reverse("añb"), String.split("a b  c")})
# case: String.normalize
IO.inspect(String.normalize("e\u0301", :nfc))
