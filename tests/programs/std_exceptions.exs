defmodule MyError do
  defexception [:value]
  def message(e), do: "my error with #{inspect(e.value)}"
end

defmodule Show do
  def run(f) do
    try do
      f.()
    rescue
      e ->
        IO.inspect(e)
        IO.puts(Exception.message(e))
        IO.puts(Exception.format_banner(:error, e))
    end
  end
end

Show.run(fn -> raise "boom" end)
Show.run(fn -> raise ArgumentError, "bad arg" end)
Show.run(fn -> raise ArgumentError end)
Show.run(fn -> raise MyError, value: 42 end)
Show.run(fn -> raise MyError.exception(value: :direct) end)
mod = RuntimeError
Show.run(fn -> raise mod end)
msg = "dynamic"
Show.run(fn -> raise msg end)
Show.run(fn -> 1 / String.length("") end)
Show.run(fn -> :erlang.error(:badarg) end)
Show.run(fn -> {:ok, x} = {:error, String.to_atom("nope")}; x end)
Show.run(fn -> case String.to_atom("zz") do :a -> 1 end end)
Show.run(fn -> Map.fetch!(%{a: 1}, :b) end)
Show.run(fn -> Keyword.fetch!([a: 1], :b) end)
Show.run(fn -> Enum.fetch!([], 0) end)
Show.run(fn -> Enum.min([]) end)
Show.run(fn -> String.to_integer("nope") end)
Show.run(fn -> raise KeyError, key: :k, term: %{} end)
Show.run(fn -> raise File.Error, reason: :enoent, path: "x.txt", action: "read file" end)
Show.run(fn -> File.read!("/definitely/not/here") end)
Show.run(fn -> struct!(MyError, nope: 1) end)
IO.inspect RuntimeError.exception("x")
IO.inspect ArgumentError.exception(message: "kw")
IO.inspect Exception.exception?(%RuntimeError{})
IO.inspect Exception.exception?(%{})
IO.inspect Exception.normalize(:error, :badarith, [])
IO.inspect Exception.normalize(:error, {:badkey, :a, %{}}, [])
IO.inspect Exception.normalize(:throw, :x, [])
IO.puts Exception.format(:throw, :oops, [])
IO.puts Exception.format_banner(:exit, :killed)
IO.puts Exception.format_banner(:error, :badarith)
IO.puts Exception.format_mfa(Foo, :bar, 2)
IO.puts Exception.format_mfa(Foo, :bar, [1, :a])
IO.puts Exception.format_exit({:timeout, {GenServer, :call, [:x, :y, 5000]}})
IO.inspect struct(MyError, value: 1, other: 2)
IO.inspect is_exception(MyError.exception([]))
IO.inspect is_struct(1..2)
IO.inspect is_struct(1..2, Range)
result =
  try do
    throw(:ball)
  catch
    :throw, v -> {:caught, v}
  end
IO.inspect result
try do
  exit(:bye)
catch
  :exit, r -> IO.inspect({:exit, r})
end
