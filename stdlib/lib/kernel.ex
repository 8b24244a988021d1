defmodule Kernel do
  @moduledoc """
  The functions and macros available everywhere without a module name: arithmetic and
  comparison, type checks (`is_list/1`, ...), `inspect/2`, `to_string/1`, processes
  (`spawn/1`, `send/2`, `self/0`), `raise/2` and the `*_in` functions for nested data.
  """
  # The parts of `Kernel` written in the language: `raise/1,2` for values known only at run
  # time, structs, the `Access`-based `get_in/put_in/update_in/pop_in`, `then/2`, `tap/2`.
  # Guards, arithmetic, conversions and `inspect` are natives.

  def raise(msg) when is_binary(msg), do: :erlang.error(RuntimeError.exception(msg))
  def raise(%{__struct__: _, __exception__: true} = exception), do: :erlang.error(exception)
  def raise(module) when is_atom(module), do: :erlang.error(module.exception([]))

  def raise(other) do
    :erlang.error(
      ArgumentError.exception(
        "raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: #{inspect(other)}"
      )
    )
  end

  def raise(module, attributes) when is_atom(module), do: :erlang.error(module.exception(attributes))

  def raise(%{__struct__: _, __exception__: true} = exception, _attributes), do: :erlang.error(exception)

  def raise(other, _attributes) do
    :erlang.error(
      ArgumentError.exception(
        "raise/2 expects a module name as the first argument, got: #{inspect(other)}"
      )
    )
  end

  @doc false
  # What `raise x` and `raise x, attrs` compile to when `x` is known only at run time:
  # `:erlang.error(Kernel.__raise_exception__(x))`, as Elixir's macro calls `Kernel.Utils.raise/1`,
  # so the stack trace starts where `raise` was written. Returns the exception to raise.
  def __raise_exception__(msg) when is_binary(msg), do: RuntimeError.exception(msg)
  def __raise_exception__(%{__struct__: _, __exception__: true} = exception), do: exception
  def __raise_exception__(module) when is_atom(module), do: module.exception([])

  def __raise_exception__(other) do
    :erlang.error(
      ArgumentError.exception(
        "raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: #{inspect(other)}"
      )
    )
  end

  @doc false
  # `raise x, attrs` as Elixir 1.14 expands it: `x.exception(attrs)`, whatever `x` is.
  def __raise_exception__(module, attributes), do: module.exception(attributes)

  def reraise(msg, stacktrace) when is_binary(msg), do: :erlang.raise(:error, RuntimeError.exception(msg), stacktrace)
  def reraise(%{__exception__: true} = e, stacktrace), do: :erlang.raise(:error, e, stacktrace)
  def reraise(module, stacktrace) when is_atom(module), do: :erlang.raise(:error, module.exception([]), stacktrace)
  def reraise(module, attrs, stacktrace), do: :erlang.raise(:error, module.exception(attrs), stacktrace)

  def then(value, fun), do: fun.(value)

  def tap(value, fun) do
    fun.(value)
    value
  end

  # -- structs -------------------------------------------------------------------------------

  def struct(struct, fields \\ [])

  def struct(module, fields) when is_atom(module), do: struct(module.__struct__(), fields)

  def struct(%{__struct__: _} = struct, fields) do
    Enum.reduce(fields, struct, fn {k, v}, acc ->
      case acc do
        %{^k => _} when k != :__struct__ -> Map.put(acc, k, v)
        _ -> acc
      end
    end)
  end

  def struct!(struct, fields \\ [])

  def struct!(module, fields) when is_atom(module), do: module.__struct__(fields)

  def struct!(%{__struct__: _} = struct, fields) do
    Enum.reduce(fields, struct, fn {k, v}, acc ->
      case acc do
        %{^k => _} when k != :__struct__ -> Map.put(acc, k, v)
        _ -> raise KeyError, key: k, term: struct
      end
    end)
  end

  # -- nested access ---------------------------------------------------------------------------

  def get_in(data, []), do: data
  def get_in(nil, [_ | _]), do: nil
  def get_in(data, [key | rest]) when is_function(key, 3), do: key.(:get, data, fn d -> get_in(d, rest) end)
  def get_in(data, [key | rest]), do: get_in(Access.get(data, key), rest)

  def put_in(data, keys, value), do: elem(get_and_update_in(data, keys, fn _ -> {nil, value} end), 1)

  def update_in(data, keys, fun), do: elem(get_and_update_in(data, keys, fn x -> {nil, fun.(x)} end), 1)

  def get_and_update_in(data, [key], fun) when is_function(key, 3), do: key.(:get_and_update, data, fun)
  def get_and_update_in(data, [key], fun), do: Access.get_and_update(data, key, fun)

  def get_and_update_in(data, [key | rest], fun) when is_function(key, 3) do
    key.(:get_and_update, data, fn d -> get_and_update_in(d, rest, fun) end)
  end

  def get_and_update_in(data, [key | rest], fun) do
    Access.get_and_update(data, key, fn d -> get_and_update_in(d, rest, fun) end)
  end

  def pop_in(nil, [_ | _]), do: {nil, nil}
  def pop_in(data, [key]), do: Access.pop(data, key)

  def pop_in(data, [key | rest]) do
    Access.get_and_update(data, key, fn
      nil -> :pop
      d -> pop_in(d, rest)
    end)
  end

  # -- binaries --------------------------------------------------------------------------------

  def binary_slice(binary, first..last//step) when is_binary(binary) and step > 0 do
    total = byte_size(binary)
    first = if first < 0, do: max(first + total, 0), else: first
    last = if last < 0, do: last + total, else: last
    amount = last - first + 1

    if first < total and amount > 0 do
      part = binary_part(binary, first, min(amount, total - first))

      if step == 1 do
        part
      else
        part |> :binary.bin_to_list() |> Enum.take_every(step) |> :erlang.list_to_binary()
      end
    else
      ""
    end
  end

  def binary_slice(binary, _.._//step = range) when is_binary(binary) do
    raise ArgumentError, "binary_slice/2 does not accept ranges with negative steps, got: #{inspect(range)}"
  end

  def binary_slice(binary, start, size) when is_binary(binary) and is_integer(start) and is_integer(size) and size >= 0 do
    total = byte_size(binary)
    start = if start < 0, do: max(total + start, 0), else: start

    if start < total do
      binary_part(binary, start, min(size, total - start))
    else
      ""
    end
  end

  def binary_slice(binary, start, size) when is_binary(binary) and is_integer(start) and is_integer(size) do
    raise ArgumentError, "negative size given to binary_slice/3: #{size}"
  end

  # -- misc ------------------------------------------------------------------------------------

  def to_timeout(ms) when is_integer(ms), do: ms
  def binding, do: []
  def is_even(n), do: Integer.is_even(n)
  def is_odd(n), do: Integer.is_odd(n)
end
