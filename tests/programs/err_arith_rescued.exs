defmodule A do
  def try_it(label, f) do
    try do
      IO.inspect(f.(), label: label)
    rescue
      e in ArithmeticError ->
        IO.puts("#{label}: " <> Exception.message(e))
    end
  end
end
zero = String.length("")
A.try_it("div int", fn -> 10 / zero end)
A.try_it("div float", fn -> 1.5 / zero end)
A.try_it("div/2", fn -> div(10, zero) end)
A.try_it("rem/2", fn -> rem(10, zero) end)
A.try_it("atom plus", fn -> String.to_atom("a") + 1 end)
A.try_it("string times", fn -> "a" * String.length("ab") end)
A.try_it("ok", fn -> div(7, 2) + rem(7, 2) end)
A.try_it("neg", fn -> -String.to_atom("b") end)
A.try_it("float div ok", fn -> 7 / 2 end)
A.try_it("bsl", fn -> Bitwise.bsl(1, String.to_atom("x")) end)
A.try_it("div float arg", fn -> div(7.0, 2) end)
IO.inspect(ArithmeticError.exception([]))
