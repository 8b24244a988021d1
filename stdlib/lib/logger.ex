defmodule Logger do
  @moduledoc """
  A console logger printing like Elixir 1.14's default console backend: each entry is
  `\\nHH:MM:SS.mmm [level] message\\n` on standard output.

  In Elixir the logging functions are macros; here they are functions (`require Logger` is
  accepted and does nothing). The message is chardata, a zero-arity function returning
  chardata (or `{chardata, metadata}`), or any term with `String.Chars`. The level is set with
  `Logger.configure(level: level)` or `:logger.set_primary_config(:level, level)`; `:none`
  silences everything. `Logger.level/0`, `configure/1` and `compare_levels/2` are native.
  """

  @doc "Logs at the `:debug` level."
  def debug(message, metadata \\ []), do: log(:debug, message, metadata)

  @doc "Logs at the `:info` level."
  def info(message, metadata \\ []), do: log(:info, message, metadata)

  @doc "Logs at the `:notice` level."
  def notice(message, metadata \\ []), do: log(:notice, message, metadata)

  @doc "Logs at the `:warning` level."
  def warning(message, metadata \\ []), do: log(:warning, message, metadata)

  @doc "Logs at the `:warning` level (deprecated name)."
  def warn(message, metadata \\ []), do: log(:warning, message, metadata)

  @doc "Logs at the `:error` level."
  def error(message, metadata \\ []), do: log(:error, message, metadata)

  @doc "Logs at the `:critical` level."
  def critical(message, metadata \\ []), do: log(:critical, message, metadata)

  @doc "Logs at the `:alert` level."
  def alert(message, metadata \\ []), do: log(:alert, message, metadata)

  @doc "Logs at the `:emergency` level."
  def emergency(message, metadata \\ []), do: log(:emergency, message, metadata)

  @doc "Logs `message` at `level`; always `:ok`."
  def log(level, message, _metadata \\ []) do
    if :retort_otp.enabled(level) do
      :retort_otp.log(level, to_chardata(message))
    end

    :ok
  end

  defp to_chardata(fun) when is_function(fun, 0) do
    case fun.() do
      {message, _metadata} -> to_chardata(message)
      message -> to_chardata(message)
    end
  end

  defp to_chardata(message) when is_binary(message), do: message
  defp to_chardata(message) when is_list(message), do: message
  defp to_chardata(message), do: to_string(message)

  @doc "Metadata is accepted and ignored."
  def metadata(_keyword), do: :ok

  @doc "Metadata is not kept: always `[]`."
  def metadata(), do: []

  @doc "Does nothing (entries are written at once)."
  def flush(), do: :ok
end
