defmodule Atom do
  @moduledoc "Functions on atoms."

  @doc "The atom's text as a string."
  def to_string(atom) when is_atom(atom), do: :erlang.atom_to_binary(atom, :utf8)

  @doc "The atom's text as a charlist."
  def to_charlist(atom) when is_atom(atom), do: :erlang.atom_to_list(atom)
end
