# Loading a binary that is not a valid object file gives {:error, :badfile} and leaves the
# loaded code as it was; a good binary still loads afterwards.
:logger.set_primary_config(:level, :none)

[{LoadMe, bin}] = Code.compile_string("defmodule LoadMe do\n  def f, do: :original\nend\n")

IO.inspect(:code.load_binary(LoadMe, 'junk.beam', "junk"), label: "junk")
IO.inspect(:code.load_binary(LoadMe, 'empty.beam', ""), label: "empty")
half = binary_part(bin, 0, div(byte_size(bin), 2))
IO.inspect(:code.load_binary(LoadMe, 'half.beam', half), label: "truncated to half")
short = binary_part(bin, 0, byte_size(bin) - 1)
IO.inspect(:code.load_binary(LoadMe, 'short.beam', short), label: "last byte missing")
IO.inspect(:code.load_binary(Other, 'other.beam', bin), label: "wrong module name")
IO.inspect(:erlang.load_module(LoadMe, "junk"), label: "load_module junk")
IO.inspect(LoadMe.f(), label: "still the original")
IO.inspect(:code.is_loaded(Other), label: "Other loaded")

for cut <- [0, 1, 4, 8, 12, 20, 40] do
  IO.inspect(:code.load_binary(LoadMe, 'cut.beam', binary_part(bin, 0, cut)), label: "first #{cut} bytes")
end

IO.inspect(:code.load_binary(LoadMe, 'good.beam', bin), label: "good binary")
IO.inspect(LoadMe.f(), label: "after reload")
