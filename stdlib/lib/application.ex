defmodule Application do
  @moduledoc """
  The `Application` behaviour, as far as a retort release uses it (Elixir 1.14's
  `Application`, reduced): a release names one module that `use`s it; `retort start` calls its
  `start(:normal, [])`, which returns `{:ok, pid}` (the top supervisor) or `{:ok, pid, state}`,
  and `retort stop` stops that pid with `:shutdown` and then calls `stop(state)`.

  `use Application` declares the behaviour and a default `stop/1` returning `:ok` (the
  compiler injects it, `compiler/src/codegen/using.rs`). There are no `.app` files, no
  application controller and no application environment.
  """


  @doc "Starts `module` as an application: `{:ok, pid, state}` or `{:error, reason}`."
  def start_module(module) do
    case module.start(:normal, []) do
      {:ok, pid} when is_pid(pid) -> {:ok, pid, []}
      {:ok, pid, state} when is_pid(pid) -> {:ok, pid, state}
      {:error, reason} -> {:error, reason}
      other -> {:error, {:bad_return, {module, :start, [:normal, []]}, other}}
    end
  end

  @doc """
  Stops an application started by `start_module/1`: its top process exits with `:shutdown`
  (a supervisor stops its children first), then `module.stop(state)` runs. Returns `:ok`.
  """
  def stop_module(module, pid, state) do
    ref = Process.monitor(pid)
    Process.unlink(pid)
    Process.exit(pid, :shutdown)

    receive do
      {:DOWN, ^ref, :process, ^pid, _} -> :ok
    after
      5000 ->
        Process.exit(pid, :kill)

        receive do
          {:DOWN, ^ref, :process, ^pid, _} -> :ok
        end
    end

    module.stop(state)
    :ok
  end
end
