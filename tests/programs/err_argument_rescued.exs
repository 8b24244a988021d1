defmodule Arg do
  def run(label, f) do
    try do
      IO.inspect(f.(), label: label)
    rescue
      e in ArgumentError ->
        IO.puts("#{label}: " <> Exception.message(e))
    end
  end
end
n = String.length("abc")
Arg.run("to_integer", fn -> String.to_integer("12x") end)
Arg.run("to_integer ok", fn -> String.to_integer("12") end)
Arg.run("to_float", fn -> String.to_float("1") end)
Arg.run("elem", fn -> elem({1, 2}, n) end)
Arg.run("put_elem", fn -> put_elem({1, 2}, n, :x) end)
Arg.run("hd", fn -> hd(Enum.drop([1], 1)) end)
Arg.run("tl", fn -> tl(Enum.drop([1], 1)) end)
Arg.run("raise", fn -> raise ArgumentError end)
Arg.run("raise msg", fn -> raise ArgumentError, "bad input" end)
Arg.run("raise kw", fn -> raise ArgumentError, message: "kw msg" end)
Arg.run("Enum.at", fn -> Enum.at([1], 0) end)
