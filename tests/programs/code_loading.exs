# Code.require_file/compile_file/eval_file (files under code_files/), ensure_loaded?/ensure_compiled.
IO.inspect Code.ensure_loaded?(Helper)
IO.inspect Code.require_file("code_files/helper.exs", __DIR__) |> Enum.map(&elem(&1, 0))
IO.inspect Code.require_file("code_files/helper.exs", __DIR__)
IO.inspect Helper.hi()
IO.inspect Code.ensure_loaded?(Helper)
IO.inspect Code.ensure_compiled(Helper)
IO.inspect Code.ensure_compiled(NoSuch)
IO.inspect Code.ensure_loaded?(NoSuch)
IO.inspect Code.ensure_loaded(Enum)
{v, b} = Code.eval_file("code_files/helper.exs", __DIR__)
IO.inspect {v, b}
IO.inspect Code.compile_file("code_files/helper.exs", __DIR__) |> Enum.map(&elem(&1, 0))
try do Code.require_file("code_files/missing.exs", __DIR__) rescue e -> IO.inspect(e.__struct__); IO.puts(Exception.message(e) |> String.replace(__DIR__, "DIR")) end
try do Code.eval_file("missing.exs") rescue e -> IO.inspect(e.__struct__) end
