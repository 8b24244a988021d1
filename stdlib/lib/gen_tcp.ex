defmodule :gen_tcp do
  @moduledoc """
  Erlang's `gen_tcp` (OTP 25's API) over the natives of `:retort_tcp` (`vm/src/bif/gen_tcp.rs`).

  A native that cannot finish now returns `:wait` with the caller registered as the socket's
  waiter; the caller then waits in `receive` for `{:retort_tcp_ready, s}`, which the
  scheduler sends when the socket is ready (or closed), and retries. The wait is an ordinary
  receive, so other processes run meanwhile and timeouts are receive timeouts.
  """

  def listen(port, opts), do: :retort_tcp.listen(port, opts)

  def accept(s), do: accept(s, :infinity)

  def accept(s, timeout), do: retry(fn -> :retort_tcp.accept(s) end, s, deadline(timeout))

  def connect(address, port, opts), do: connect(address, port, opts, :infinity)

  # A non-blocking connect: the native starts it and answers {:wait, s} while it is under
  # way; the caller waits for writability like any other wait, and on timeout the socket is
  # closed and {:error, :timeout} returned (as inet_tcp does).
  def connect(address, port, opts, timeout) do
    case :retort_tcp.connect(address, port, opts) do
      {:wait, s} ->
        case retry(fn -> :retort_tcp.connected(s) end, s, deadline(timeout)) do
          {:error, :timeout} = e ->
            :retort_tcp.close(s)
            e

          other ->
            other
        end

      other ->
        other
    end
  end

  def send(s, data) do
    case :retort_tcp.send(s, data) do
      {:wait, rest} -> send_rest(s, rest)
      other -> other
    end
  end

  defp send_rest(s, rest) do
    receive do
      {:retort_tcp_ready, ^s} ->
        case :retort_tcp.send_rest(s, rest) do
          {:wait, rest} -> send_rest(s, rest)
          other -> other
        end
    end
  end

  def recv(s, length), do: recv(s, length, :infinity)

  def recv(s, length, timeout), do: retry(fn -> :retort_tcp.recv(s, length) end, s, deadline(timeout))

  def close(s), do: :retort_tcp.close(s)

  def controlling_process(s, pid), do: :retort_tcp.controlling_process(s, pid)

  def shutdown(s, how), do: :retort_tcp.shutdown(s, how)

  defp deadline(:infinity), do: :infinity
  defp deadline(ms) when is_integer(ms) and ms >= 0, do: :erlang.monotonic_time(:millisecond) + ms

  defp retry(op, s, deadline) do
    case op.() do
      :wait ->
        left =
          case deadline do
            :infinity -> :infinity
            d -> max(d - :erlang.monotonic_time(:millisecond), 0)
          end

        receive do
          {:retort_tcp_ready, ^s} -> retry(op, s, deadline)
        after
          left ->
            :retort_tcp.cancel(s)

            receive do
              {:retort_tcp_ready, ^s} -> :ok
            after
              0 -> :ok
            end

            {:error, :timeout}
        end

      other ->
        other
    end
  end
end

defmodule :inet do
  @moduledoc "The parts of Erlang's `inet` that work on `:gen_tcp` sockets."

  def port(s), do: :retort_tcp.port(s)
  def peername(s), do: :retort_tcp.peername(s)
  def sockname(s), do: :retort_tcp.sockname(s)
  def setopts(s, opts), do: :retort_tcp.setopts(s, opts)
  def close(s), do: :retort_tcp.close(s)
end
