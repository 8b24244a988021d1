# Local funs through term_to_binary/binary_to_term (NEW_FUN_EXT): a fun of a loaded module
# comes back as the same fun (callable, equal, printed alike, same free variables); funs
# compare as the BEAM compares them (module, index, uniq, then the free variables).
defmodule Mk do
  def adder(k), do: fn x -> x + k end
  def twice(f), do: fn x -> f.(f.(x)) end
  def zero, do: fn -> :zero end
end

rt = fn t -> :erlang.binary_to_term(:erlang.term_to_binary(t)) end
a = Mk.adder(3)
b = rt.(a)
IO.inspect({b == a, b === a, b.(4), inspect(b) == inspect(a)})
IO.inspect(Function.info(b, :env) == Function.info(a, :env))
t = rt.(Mk.twice(Mk.adder(10)))
IO.inspect(t.(1))
IO.inspect(rt.(Mk.zero()).())
m = rt.(%{f: Mk.adder(1), l: [Mk.zero(), &Enum.count/1]})
IO.inspect({m.f.(1), hd(m.l).(), List.last(m.l).([1, 2])})
IO.inspect({Mk.adder(3) == Mk.adder(3), Mk.adder(3) == Mk.adder(4), Mk.adder(3) < Mk.adder(4)})
IO.inspect({Mk.zero() < Mk.adder(1), Mk.adder(1) < &Enum.count/1})
IO.inspect(Map.get(%{Mk.adder(7) => :found}, rt.(Mk.adder(7))))
IO.inspect(Enum.uniq([Mk.adder(1), Mk.adder(1), rt.(Mk.adder(1)), Mk.adder(2)]) |> length())
IO.inspect({:erlang.phash2(Mk.adder(3)) == :erlang.phash2(rt.(Mk.adder(3))), :erlang.phash2(&Enum.count/1) == :erlang.phash2(rt.(&Enum.count/1))})
