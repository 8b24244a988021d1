defmodule Module do
  @moduledoc "Functions on module names (the run-time part of Elixir's Module)."

  @doc "Splits a module name into its parts: `Module.split(Foo.Bar)` is `[\"Foo\", \"Bar\"]`."
  def split(module) when is_atom(module), do: split(Atom.to_string(module), module)
  def split(module) when is_binary(module), do: split(module, module)

  defp split("Elixir." <> name, _original), do: String.split(name, ".")
  defp split(_, original), do: :erlang.error(ArgumentError.exception("expected an Elixir module, got: " <> inspect(original)))

  @doc "Concatenates two aliases."
  def concat(a, b), do: concat([a, b])

  @doc "Concatenates a list of aliases (atoms or strings) into a module name."
  def concat(list) when is_list(list) do
    parts =
      for part <- list, part != nil do
        part = if is_atom(part), do: Atom.to_string(part), else: part
        case part do
          "Elixir." <> rest -> rest
          "Elixir" -> nil
          other -> other
        end
      end

    case Enum.reject(parts, &is_nil/1) do
      [] -> Elixir
      parts -> String.to_atom("Elixir." <> Enum.join(parts, "."))
    end
  end

  @doc "The name for `alias`es that start with a lower-case atom: the same as `concat/1`."
  def safe_concat(list), do: concat(list)
end
