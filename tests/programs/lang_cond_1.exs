defmodule FB do
  def fizz(n) do
    cond do
      rem(n, 15) == 0 -> "FizzBuzz"
      rem(n, 3) == 0 -> "Fizz"
      rem(n, 5) == 0 -> "Buzz"
      true -> Integer.to_string(n)
    end
  end

  def grade(score) do
    cond do
      score >= 90 -> :a
      score >= 80 -> :b
      score >= 70 -> :c
      :otherwise -> :f
    end
  end

  def truthy(x) do
    cond do
      x -> :truthy
      true -> :falsy
    end
  end
end

IO.puts(Enum.map_join(1..20, " ", &FB.fizz/1))
IO.inspect(Enum.map([95, 85, 75, 10], &FB.grade/1))
IO.inspect(Enum.map([nil, false, 0, "", [], :a], &FB.truthy/1))
r = cond do
  1 + 1 == 3 -> :math_broke
  length([1, 2]) == 2 -> "len two"
end
IO.inspect(r)
