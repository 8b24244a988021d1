# A key the struct does not have, in a struct whose defaults are computed: a compile error.
defmodule Box do
  defstruct items: List.duplicate(0, 3)
end

defmodule UseBox do
  def run, do: %Box{bogus: 1}
end

IO.inspect(UseBox.run())
