defmodule :retort_host_inbox do
  @moduledoc """
  The process behind a host inbox of the embedding API (`retort_stdlib::embed`): every message
  it receives is handed to the host's queue `id` by the native `:retort_host.deliver/2`, where
  the Rust program reads it. Language code sends to the inbox's pid like to any process.
  """

  @doc "Receives forever, handing each message to host inbox `id`."
  def loop(id) do
    receive do
      msg -> :retort_host.deliver(id, msg)
    end

    loop(id)
  end

  @doc """
  Runs `apply(module, function, args)` for the host's `Engine::call` and sends
  `{tag, :ok, result}`, or `{tag, :error, {kind, reason}}` if it raised, threw or exited, to
  `host`.
  """
  def call([host, tag, module, function, args]) do
    reply =
      try do
        {tag, :ok, apply(module, function, args)}
      catch
        kind, reason -> {tag, :error, {kind, reason}}
      end

    send(host, reply)
  end
end
