defmodule String do
  @moduledoc """
  UTF-8 strings. Everything is native (`vm/src/bif/string.rs`) except the replacement by a
  function, which the native hands over here with the pieces around the matches.
  """

  @doc false
  def __replace_fun__(pieces, fun), do: IO.iodata_to_binary(replace_pieces(pieces, fun))

  defp replace_pieces([pre, match | rest], fun), do: [pre, to_string(fun.(match)) | replace_pieces(rest, fun)]
  defp replace_pieces([last], _fun), do: [last]
end
