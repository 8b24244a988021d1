# feature: Bitstrings (sizes in bits that are not a multiple of 8)
# case: construction
IO.inspect({<<1::1, 0::3>>, bit_size(<<1::3>>)})
# case: matching the rest as bits
<<a::4, rest::bits>> = <<255, 1::3>>
IO.inspect({a, rest})
