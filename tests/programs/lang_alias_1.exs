defmodule My.Deep.Util do
  def up(s), do: String.upcase(s)
end

defmodule My.Deep.Math do
  def sq(x), do: x * x
end

defmodule My.Other do
  def id(x), do: x
end

defmodule User do
  alias My.Deep.Util
  alias My.Deep.Math, as: M
  alias My.{Other, Deep}

  def run do
    IO.puts(Util.up("abc"))
    IO.inspect(M.sq(7))
    IO.inspect(Other.id(:x))
    IO.inspect(Deep.Util.up("nested"))
    IO.inspect(Util)
    IO.inspect(M)
  end

  def scoped do
    alias My.Deep.Math, as: Calc
    Calc.sq(3)
  end

  def multi do
    alias My.Deep.{Util, Math}
    {Util.up("z"), Math.sq(2)}
  end
end

User.run()
IO.inspect(User.scoped())
IO.inspect(User.multi())
alias My.Deep.Util, as: U
IO.puts(U.up("top"))
