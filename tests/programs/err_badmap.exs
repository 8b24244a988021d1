defmodule Upd do
  def set_name(m, n), do: %{m | name: n}
end
IO.inspect(Upd.set_name(%{name: "a"}, "b"))
IO.inspect(Upd.set_name([name: "a"], "b"))
