defmodule I do
  def sign(n) do
    if n >= 0 do
      :nonneg
    else
      :neg
    end
  end

  def short(n), do: if(n > 10, do: :big, else: :small)
  def noelse(n), do: if(n > 10, do: :big)
  def un(n), do: unless(n > 10, do: :not_big, else: :big)
  def un2(n) do
    unless n == 0 do
      100 / n
    end
  end
end

IO.inspect(I.sign(3))
IO.inspect(I.sign(-3))
IO.inspect(I.short(11))
IO.inspect(I.short(1))
IO.inspect(I.noelse(1))
IO.inspect(I.noelse(20))
IO.inspect(I.un(1))
IO.inspect(I.un(20))
IO.inspect(I.un2(0))
IO.inspect(I.un2(4))
IO.inspect(if nil, do: 1, else: 2)
IO.inspect(if false, do: 1)
IO.inspect(if 0, do: :zero_is_truthy)
IO.inspect(if [], do: :empty_list_truthy)
x = if true do
  a = 1
  b = 2
  a + b
end
IO.inspect(x)
IO.inspect(!nil)
IO.inspect(!1)
IO.inspect(!!:a)
IO.inspect(nil || :default)
IO.inspect(false || nil)
IO.inspect(1 && 2)
IO.inspect(nil && 2)
IO.inspect(true and false)
IO.inspect(false or true)
IO.inspect(not true)
IO.inspect(true and :anything)
IO.inspect(false and raise("never"))
