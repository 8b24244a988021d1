defmodule T2 do
  def order do
    try do
      IO.puts("body")
      :body_value
    after
      IO.puts("after")
    end
  end

  def in_loop do
    Enum.map(1..4, fn i ->
      try do
        if rem(i, 2) == 0, do: raise(ArgumentError, "even #{i}"), else: i
      rescue
        e in ArgumentError -> e.message
      end
    end)
  end

  def function_level_rescue(x) do
    100 / x
  rescue
    ArithmeticError -> :infinity
  end

  def function_level_catch(f) do
    f.()
  catch
    :throw, v -> {:thrown, v}
  after
    IO.puts("function after")
  end

  def error_kinds do
    for f <- [fn -> :erlang.error(:badarith) end, fn -> :erlang.error({:badmatch, 1}) end,
              fn -> :erlang.error(:function_clause) end, fn -> :erlang.error({:case_clause, 2}) end,
              fn -> :erlang.error(:undef) end, fn -> :erlang.error({:badkey, :k}) end,
              fn -> :erlang.error(:anything_else) end] do
      try do
        f.()
      rescue
        e -> e.__struct__
      end
    end
  end
end

IO.inspect(T2.order())
IO.inspect(T2.in_loop())
IO.inspect(T2.function_level_rescue(0))
IO.inspect(T2.function_level_rescue(4))
IO.inspect(T2.function_level_catch(fn -> throw(:x) end))
IO.inspect(T2.function_level_catch(fn -> :ok end))
IO.inspect(T2.error_kinds())
x = try do
  Integer.parse("zz") |> elem(0)
rescue
  ArgumentError -> :arg
  _ -> :something
end
IO.inspect(x)
IO.inspect(try(do: 1, after: IO.puts("kw after")))
