defmodule Bad do
  defexception [:code]
  def message(%{code: c}), do: "bad code #{c}"
end
defmodule Run do
  def go(c) do
    if c > 1, do: raise(%Bad{code: c})
    :ok
  end
end
IO.inspect(Run.go(1))
Run.go(7)
