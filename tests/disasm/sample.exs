defmodule Sample do
  @vsn 2

  def greet(name) when is_binary(name) do
    IO.puts("hello " <> name)
    {:ok, [1, 2], %{"k" => 1.5}}
  end

  def sum([]), do: 0
  def sum([h | t]), do: h + sum(t)

  def adder(n), do: fn x -> x + n end

  def wait do
    receive do
      {:msg, m} -> m
    after
      10 -> :timeout
    end
  end

  def safe(f) do
    try do
      f.()
    rescue
      e in ArgumentError -> {:error, e.message}
    end
  end

  def head(<<c, rest::binary>>), do: {c, rest}
end
