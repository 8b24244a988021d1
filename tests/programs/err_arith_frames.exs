# Which arithmetic failures in compiled module code put the operator on top of the stacktrace
# (OTP 25: div, rem, * and unary minus always; + and - unless their second operand is a
# literal; / never), and the message Elixir then prints for an uncaught one.
defmodule Ops do
  def add(a, b), do: a + b
  def add1(a), do: a + 1
  def sub(a, b), do: a - b
  def sub1(a), do: a - 1
  def mul2(a), do: a * 2
  def fdiv(a, b), do: a / b
  def neg(a), do: -a
  def r3(a), do: rem(a, 3)
  def d(a, b), do: div(a, b)
end

cases = [
  add: fn -> Ops.add(1, :a) end,
  add1: fn -> Ops.add1(:a) end,
  sub: fn -> Ops.sub(:a, 1) end,
  sub1: fn -> Ops.sub1(:a) end,
  mul2: fn -> Ops.mul2(:a) end,
  fdiv_zero: fn -> Ops.fdiv(1, 0) end,
  fdiv_atom: fn -> Ops.fdiv(1, :a) end,
  neg: fn -> Ops.neg(:a) end,
  rem: fn -> Ops.r3(:a) end,
  div: fn -> Ops.d(1, 0) end
]

for {name, f} <- cases do
  try do
    f.()
  rescue
    e ->
      {m, fun, args, _} = hd(__STACKTRACE__)
      IO.inspect({name, Exception.message(e), m, fun, args})
  end
end

Ops.d(7, 0)
