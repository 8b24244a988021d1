# defmacro in a function head pattern and in a guard, defguardp.
defmodule PM do
  defmacro pair(a, b), do: quote(do: {unquote(a), unquote(b)})
  defguardp is_pos(x) when x > 0
  def g(x) when is_pos(x), do: :pos
  def g(_), do: :nonpos
end
defmodule PU do
  require PM
  import PM
  def f(pair(a, b)), do: a + b
  def h(x) when PM.pair(x, 1) == {2, 1}, do: :two
  def h(_), do: :no
end
IO.inspect {PU.f({1, 2}), PM.g(1), PM.g(-1), PU.h(2), PU.h(3)}
