defmodule Priv do
  def pub, do: secret()
  defp secret, do: :s
end
IO.inspect(Priv.pub())
IO.inspect(Priv.secret())
