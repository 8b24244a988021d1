defmodule :gen do
  @moduledoc """
  The generic call machinery shared by `GenServer` and `:sys` (Erlang's `gen` module).

  A call sends `{label, {self(), [:alias | alias]}, request}` to the server, monitors it, and
  waits for `{[:alias | alias], reply}`, the `:DOWN` message, or the timeout. The alias is
  deactivated when the call ends, so `:gen.reply/2` (native) drops a reply that comes too late
  and it never lands in the caller's mailbox.
  """

  @doc "Resolves a pid, a registered name, `{name, node}` or `{:via, mod, name}`; `nil` if none."
  def where(pid) when is_pid(pid), do: pid
  def where(name) when is_atom(name), do: Process.whereis(name)
  def where({:via, mod, name}) do
    case mod.whereis_name(name) do
      :undefined -> nil
      pid -> pid
    end
  end
  # Another node's `{name, node}` stays as it is: send and monitor take it (REG_SEND, MONITOR_P).
  def where({name, node} = dest) when is_atom(name) and is_atom(node) do
    if node == :erlang.node(), do: Process.whereis(name), else: dest
  end
  def where({:global, _name}), do: nil

  @doc """
  Calls `process` with `{label, from, request}` and returns `{:ok, reply}`; exits with `:noproc`,
  `:timeout` or the server's exit reason.
  """
  def call(process, label, request, timeout) do
    case where(process) do
      nil -> exit(:noproc)
      pid -> do_call(pid, label, request, timeout)
    end
  end

  @doc false
  def do_call(pid, label, request, timeout) do
    mref = Process.monitor(pid)
    alias_ref = :erlang.alias()
    tag = [:alias | alias_ref]
    send(pid, {label, {self(), tag}, request})
    wait_reply(mref, alias_ref, tag, timeout)
  end

  # `after :infinity` never fires, so one clause serves every timeout.
  defp wait_reply(mref, alias_ref, tag, timeout) do
    receive do
      {^tag, reply} ->
        :erlang.unalias(alias_ref)
        Process.demonitor(mref, [:flush])
        {:ok, reply}

      {:DOWN, ^mref, _, _, reason} ->
        :erlang.unalias(alias_ref)
        exit(reason)
    after
      timeout ->
        :erlang.unalias(alias_ref)
        Process.demonitor(mref, [:flush])

        receive do
          {^tag, reply} -> {:ok, reply}
        after
          0 -> exit(:timeout)
        end
    end
  end
end
