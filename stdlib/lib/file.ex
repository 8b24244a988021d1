defmodule File do
  @moduledoc """
  The file system: natives (`vm/src/bif/file.rs`) with Erlang's `{:error, posix}` results and
  `File.Error` for the bang variants; `stream!/1,2,3` reads the file and streams its lines.
  """

  def stream!(path, modes \\ [], line_or_bytes \\ :line)

  def stream!(path, line_or_bytes, modes) when is_integer(line_or_bytes) or line_or_bytes == :line do
    stream!(path, modes, line_or_bytes)
  end

  def stream!(path, _modes, :line) do
    Stream.resource(fn -> File.read!(path) end, fn
      nil -> {:halt, nil}
      "" -> {:halt, nil}
      data -> {split_lines(data), nil}
    end, fn _ -> :ok end)
  end

  def stream!(path, _modes, bytes) when is_integer(bytes) do
    Stream.resource(fn -> File.read!(path) end, fn
      "" -> {:halt, ""}
      data when byte_size(data) <= bytes -> {[data], ""}
      data -> {[binary_part(data, 0, bytes)], binary_part(data, bytes, byte_size(data) - bytes)}
    end, fn _ -> :ok end)
  end

  defp split_lines(data) do
    parts = String.split(data, "\n")
    {init, [last]} = Enum.split(parts, -1)
    lines = Enum.map(init, &(&1 <> "\n"))
    if last == "", do: lines, else: lines ++ [last]
  end

  def read_link(_path), do: {:error, :einval}

  @doc "Copies `bytes_count` bytes (all by default) of `source` to `destination`: `{:ok, n}`."
  def copy(source, destination, bytes_count \\ :infinity) do
    case File.read(source) do
      {:ok, data} ->
        data =
          if bytes_count == :infinity, do: data, else: binary_part(data, 0, Kernel.min(bytes_count, byte_size(data)))

        case File.write(destination, data) do
          :ok -> {:ok, byte_size(data)}
          error -> error
        end

      error ->
        error
    end
  end
end
