defmodule String do
  @moduledoc """
  Functions on strings: UTF-8 encoded binaries. Functions that count or index (`length/1`,
  `at/2`, `slice/3`) work on graphemes, the characters a reader sees; `byte_size/1` gives
  the size in bytes.

      iex> String.upcase("héllo")
      "HÉLLO"
  """
  # Everything is native (`vm/src/bif/string.rs`) except the replacement by a function, which
  # the native hands over here with the pieces around the matches.

  @doc false
  def __replace_fun__(pieces, fun), do: IO.iodata_to_binary(replace_pieces(pieces, fun))

  defp replace_pieces([pre, match | rest], fun), do: [pre, to_string(fun.(match)) | replace_pieces(rest, fun)]
  defp replace_pieces([last], _fun), do: [last]
end
