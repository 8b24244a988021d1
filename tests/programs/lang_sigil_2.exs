defmodule Sg do
  def words, do: ~w(alpha beta gamma)a
  def mixed(x), do: ~s(value: #{x})
  def raw, do: ~S"raw \n #{x}"
end

IO.inspect(Sg.words())
IO.inspect(Sg.mixed(42))
IO.inspect(Sg.raw())
IO.inspect(~w(a-b c_d e.f))
IO.inspect(~w(one
  two
  three))
IO.inspect(~s(escaped \) paren))
IO.inspect(~s[escaped \] bracket])
IO.inspect(~c'single quotes')
IO.inspect(~c{braces})
IO.inspect(~s<angle>)
IO.inspect(~w"with \"escaped\" quotes")
IO.inspect(~s(unicode ☃ \u00e9))
IO.inspect(~r/ab+c/ |> Regex.match?("xabbbcx"))
IO.inspect(String.split(~s(a,b,,c), ","))
IO.inspect(~s(#{1}#{2}#{3}))
IO.inspect(~c(#{1 + 1}))
IO.inspect(length(~w()))
