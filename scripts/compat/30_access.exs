# feature: Access: brackets, dot access, get_in/put_in/update_in
# case: brackets and dot
m = %{a: %{b: [x: 1]}}
IO.inspect({m[:a][:b][:x], m.a.b, [k: 1][:k], m[:missing]})
# case: nested updates with keys
m = %{a: %{b: 1}}
IO.inspect({put_in(m, [:a, :b], 2), update_in(m, [:a, :b], &(&1 + 10)), get_and_update_in(m, [:a, :b], &{&1, &1 * 3})})
# case: path macros
m = %{a: %{b: 1}}
IO.inspect({put_in(m.a.b, 5), update_in(m[:a][:b], &(&1 - 1))})
# case: Access functions
l = [%{n: 1}, %{n: 2}]
IO.inspect({get_in(l, [Access.all(), :n]), get_in(l, [Access.at(1), :n]), put_in(%{a: 1}, [Access.key(:b, 0)], 2)})
