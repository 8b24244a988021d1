# feature: Numbers: big integers, float printing, integer/float conversion
# case: big integers
IO.inspect({Integer.pow(2, 100), 123456789012345678901234567890 * 987654321, div(-10 ** 30, 7), rem(10 ** 25, 97)})
# case: float printing (shortest round-trip)
IO.inspect({0.1, 1.0e-7, 123456789.0, 1.0e16, 2 / 3, -0.0, 5.0e-324})
# case: conversions
IO.inspect({round(2.5), trunc(-2.7), Float.round(1.2345, 2), Integer.parse("12abc"), Float.parse("1.5e3"), Integer.to_string(255, 16)})
