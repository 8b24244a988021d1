defmodule Base do
  @moduledoc """
  Elixir's `Base` (1.14): base 16, 32 (RFC 4648 and extended hex) and 64 (standard and
  URL-safe) encodings. The byte work is native (`:retort_base`, `vm/src/bif/base.rs`); the
  options (`case:`, `padding:`, `ignore: :whitespace`) and the errors are Elixir's: `decode*`
  answers `:error`, `decode*!` raises `ArgumentError` with Elixir's message.
  """

  def encode16(data, opts \\ []) when is_binary(data), do: encode(data, :b16, true, opts)
  def encode32(data, opts \\ []) when is_binary(data), do: encode(data, :b32, Keyword.get(opts, :padding, true), opts)
  def hex_encode32(data, opts \\ []) when is_binary(data), do: encode(data, :hex32, Keyword.get(opts, :padding, true), opts)
  def encode64(data, opts \\ []) when is_binary(data), do: encode(data, :b64, Keyword.get(opts, :padding, true), opts)
  def url_encode64(data, opts \\ []) when is_binary(data), do: encode(data, :url64, Keyword.get(opts, :padding, true), opts)

  def decode16(string, opts \\ []) when is_binary(string), do: decode(string, :b16, opts)
  # A non-binary fails in the `!` variant, as Elixir's `decode16/2` calls it.
  def decode16(string, opts), do: decode16!(string, opts)
  def decode32(string, opts \\ []) when is_binary(string), do: decode(string, :b32, opts)
  def decode32(string, opts), do: decode32!(string, opts)
  def hex_decode32(string, opts \\ []) when is_binary(string), do: decode(string, :hex32, opts)
  def hex_decode32(string, opts), do: hex_decode32!(string, opts)
  def decode64(string, opts \\ []) when is_binary(string), do: decode(string, :b64, opts)
  def decode64(string, opts), do: decode64!(string, opts)
  def url_decode64(string, opts \\ []) when is_binary(string), do: decode(string, :url64, opts)
  def url_decode64(string, opts), do: url_decode64!(string, opts)

  def decode16!(string, opts \\ []) when is_binary(string), do: decode!(string, :b16, opts)
  def decode32!(string, opts \\ []) when is_binary(string), do: decode!(string, :b32, opts)
  def hex_decode32!(string, opts \\ []) when is_binary(string), do: decode!(string, :hex32, opts)
  def decode64!(string, opts \\ []) when is_binary(string), do: decode!(string, :b64, opts)
  def url_decode64!(string, opts \\ []) when is_binary(string), do: decode!(string, :url64, opts)

  defp encode(data, kind, padding, opts) do
    :retort_base.encode(data, kind, padding, Keyword.get(opts, :case, :upper) == :lower)
  end

  defp run(string, kind, opts) do
    :retort_base.decode(
      string,
      kind,
      Keyword.get(opts, :padding, true),
      Keyword.get(opts, :case, :upper),
      Keyword.get(opts, :ignore) == :whitespace
    )
  end

  defp decode(string, kind, opts) do
    case run(string, kind, opts) do
      {:ok, bytes} -> {:ok, bytes}
      {:error, _} -> :error
    end
  end

  defp decode!(string, kind, opts) do
    case run(string, kind, opts) do
      {:ok, bytes} ->
        bytes

      {:error, {:length, n}} ->
        raise ArgumentError,
              "string given to decode has wrong length. An even number of bytes was expected, got: #{n}. " <>
                "Double check your string for unwanted characters or pad it accordingly"

      {:error, :padding} ->
        raise ArgumentError, "incorrect padding"

      {:error, {:char, c}} ->
        raise ArgumentError, "non-alphabet character found: #{inspect(<<c>>, binaries: :as_strings)} (byte #{c})"
    end
  end
end
