defmodule K do
  def run(name, f) do
    try do
      IO.inspect(f.())
    rescue
      e in KeyError ->
        IO.puts("#{name}: " <> Exception.message(e))
        IO.inspect({e.key, e.term})
    end
  end
end
m = %{a: 1, b: %{c: 2}}
K.run("dot", fn -> m.a end)
K.run("dot missing", fn -> m.z end)
K.run("nested dot", fn -> m.b.d end)
K.run("fetch!", fn -> Map.fetch!(m, :zz) end)
K.run("fetch! string key", fn -> Map.fetch!(%{"k" => 1}, "q") end)
K.run("update", fn -> %{m | q: 1} end)
K.run("update!", fn -> Map.update!(m, :q, &(&1 + 1)) end)
K.run("keyword", fn -> Keyword.fetch!([x: 1], :y) end)
K.run("keyword get", fn -> Keyword.get([x: 1], :y, :default) end)
K.run("dot on list", fn -> l = [a: 1]; l.a end)
K.run("raise", fn -> raise KeyError, key: :k, term: [1] end)
K.run("raise msg", fn -> raise KeyError, "custom key message" end)
