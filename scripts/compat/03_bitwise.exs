# feature: Bitwise operators (`import Bitwise`)
# case: import Bitwise
import Bitwise
IO.inspect({5 &&& 3, 5 ||| 3, 5 ^^^ 3, 1 <<< 4, 256 >>> 2, ~~~5})
# case: Bitwise functions
IO.inspect({Bitwise.band(12, 10), Bitwise.bsl(1, 3)})
