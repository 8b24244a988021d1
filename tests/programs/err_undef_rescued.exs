defmodule Lib do
  def pub(x), do: x
  defp priv(x), do: x
  def use_priv(x), do: priv(x)
end
cases = [
  {"missing module", fn -> Missing.Mod.call(1) end},
  {"missing function", fn -> Lib.nope(1, 2) end},
  {"wrong arity", fn -> Lib.pub() end},
  {"private", fn -> Lib.priv(1) end},
  {"apply", fn -> apply(Lib, :ghost, []) end},
  {"dynamic module", fn -> mod = String.to_atom("Elixir.Nowhere"); mod.run() end},
  {"erlang module", fn -> :no_such_mod.f() end},
  {"ok", fn -> Lib.use_priv(7) end}
]
for {label, f} <- cases do
  try do
    IO.inspect(f.(), label: label)
  rescue
    e in UndefinedFunctionError ->
      IO.puts("#{label}: " <> Exception.message(e))
      IO.inspect({e.module, e.function, e.arity})
  end
end
