# feature: Code loading at run time (Code.compile_string, require_file, ensure_loaded?)
# case: Code.compile_string
[{mod, _}] = Code.compile_string("defmodule Dyn do def f, do: 42 end")
IO.inspect({mod, Dyn.f()})
# case: Code.require_file
File.write!("compat_req.ex", "defmodule Req do def g, do: :g end")
Code.require_file("compat_req.ex")
IO.inspect(Req.g())
File.rm!("compat_req.ex")
# case: Code.ensure_loaded?
IO.inspect({Code.ensure_loaded?(Enum), Code.ensure_loaded?(NoSuchModule)})
