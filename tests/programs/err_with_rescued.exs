defmodule P do
  def parse(m) do
    with {:ok, name} <- Map.fetch(m, :name),
         true <- is_binary(name) do
      {:ok, String.upcase(name)}
    else
      :error -> {:error, :missing}
    end
  end
  def strict(m) do
    with {:ok, v} <- Map.fetch(m, :v), {n, ""} <- Integer.parse(v) do
      n
    else
      :error -> :no_key
    end
  end
end
IO.inspect(P.parse(%{name: "bob"}))
IO.inspect(P.parse(%{}))
try do
  P.parse(%{name: 42})
rescue
  e in WithClauseError -> IO.puts(Exception.message(e)); IO.inspect(e)
end
IO.inspect(P.strict(%{v: "12"}))
IO.inspect(P.strict(%{}))
try do
  P.strict(%{v: "12abc"})
rescue
  e -> IO.puts(Exception.message(e))
end
try do
  P.strict(%{v: "zz"})
rescue
  e -> IO.puts(Exception.message(e))
end
