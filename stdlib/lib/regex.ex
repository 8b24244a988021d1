defmodule Regex do
  @moduledoc """
  Regular expressions (`~r/pat/flags` compiles to `Regex.compile!/2`): natives on
  fancy-regex (`vm/src/bif/regex/`); replacement by a function is done here.
  """

  defstruct re_pattern: nil, source: "", opts: "", re_version: nil

  @doc false
  def __replace_fun__(pieces, fun) do
    {:arity, arity} = Function.info(fun, :arity)
    IO.iodata_to_binary(replace_pieces(pieces, fun, arity))
  end

  defp replace_pieces([pre, groups | rest], fun, arity) do
    args = Enum.take(groups ++ List.duplicate("", max(arity - length(groups), 0)), arity)
    [pre, to_string(apply(fun, args)) | replace_pieces(rest, fun, arity)]
  end

  defp replace_pieces([last], _fun, _arity), do: [last]
end
