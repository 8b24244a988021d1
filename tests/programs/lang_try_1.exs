defmodule T do
  def safe_div(a, b) do
    try do
      a / b
    rescue
      e in ArithmeticError -> {:error, Exception.message(e)}
    end
  end

  def rescue_kinds(f) do
    try do
      f.()
    rescue
      e in [ArgumentError, KeyError] -> {:arg_or_key, e.__struct__}
      e in RuntimeError -> {:runtime, e.message}
      _ in MatchError -> :match
      e -> {:other, e.__struct__}
    end
  end

  def with_after(x) do
    try do
      if x, do: raise("boom"), else: :fine
    rescue
      RuntimeError -> :rescued
    after
      IO.puts("after runs (#{inspect(x)})")
    end
  end

  def with_else(x) do
    try do
      x * 2
    rescue
      ArithmeticError -> :bad_arith
    else
      n when n > 10 -> {:big, n}
      n -> {:small, n}
    end
  end
end

IO.inspect(T.safe_div(1, 2))
IO.inspect(T.safe_div(1, 0))
IO.inspect(T.rescue_kinds(fn -> raise ArgumentError, "bad" end))
IO.inspect(T.rescue_kinds(fn -> Map.fetch!(%{}, :k) end))
IO.inspect(T.rescue_kinds(fn -> raise "plain" end))
IO.inspect(T.rescue_kinds(fn -> {:a} = {:b} end))
IO.inspect(T.rescue_kinds(fn -> :erlang.error(:badarg) end))
IO.inspect(T.rescue_kinds(fn -> 1 + String.to_atom("x") end))
IO.inspect(T.rescue_kinds(fn -> :ok end))
IO.inspect(T.with_after(true))
IO.inspect(T.with_after(false))
IO.inspect(T.with_else(3))
IO.inspect(T.with_else(30))
IO.inspect(T.with_else(:x))
r = try do
  raise ArgumentError, message: "kw message"
rescue
  e -> e
end
IO.inspect(r)
IO.inspect(Exception.message(r))
