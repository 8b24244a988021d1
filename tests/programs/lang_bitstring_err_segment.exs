# Building a segment from a value of the wrong type raises ArgumentError naming the segment.
defmodule Build do
  def pack(tag, value), do: <<tag::8, value::16>>
end

IO.inspect(Build.pack(1, 2))
IO.inspect(Build.pack(1, :two))
