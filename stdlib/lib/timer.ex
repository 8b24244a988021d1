defmodule :timer do
  @moduledoc """
  Erlang's `timer` (OTP 25) but `sleep/1`, which is native (`vm/src/bif/process.rs`).

  `send_after` to a local pid or a name is `:erlang.send_after/3` (`{:ok, {:send_local, ref}}`);
  the other timers (`apply_after`, `send_interval`, `apply_interval`, `exit_after`,
  `kill_after`) live in the timer server, a process registered as `:timer_server` (as OTP's
  is), started on first use. It arms `:erlang.send_after/3` to itself and, when a timer fires,
  sends the message or spawns the application; an interval timer re-arms and ends when the
  process it was created for (the destination of `send_interval`, the caller of
  `apply_interval`) ends. Invalid arguments answer `{:error, :badarg}` as OTP's do.
  """

  @doc "Starts the timer server (it also starts on first use); `:ok`."
  def start do
    server()
    :ok
  end

  @doc "`{microseconds, result}` of `fun.()`."
  def tc(fun) when is_function(fun, 0) do
    t1 = :erlang.monotonic_time()
    value = fun.()
    t2 = :erlang.monotonic_time()
    {:erlang.convert_time_unit(t2 - t1, :native, :microsecond), value}
  end

  @doc "`{microseconds, result}` of `apply(fun, args)`."
  def tc(fun, args) when is_function(fun) and is_list(args) do
    tc(fn -> apply(fun, args) end)
  end

  @doc "`{microseconds, result}` of `apply(module, function, args)`."
  def tc(module, function, args) when is_atom(module) and is_atom(function) and is_list(args) do
    tc(fn -> apply(module, function, args) end)
  end

  def seconds(s), do: 1000 * s
  def minutes(m), do: 1000 * 60 * m
  def hours(h), do: 1000 * 60 * 60 * h
  def hms(h, m, s), do: hours(h) + minutes(m) + seconds(s)

  @doc "Microseconds from the `:erlang.timestamp/0` tuple `t1` to `t2`."
  def now_diff({a2, b2, c2}, {a1, b1, c1}) do
    ((a2 - a1) * 1_000_000 + (b2 - b1)) * 1_000_000 + (c2 - c1)
  end

  defguardp valid_time(t) when is_integer(t) and t >= 0

  def send_after(time, message), do: send_after(time, self(), message)

  def send_after(time, dest, message) when valid_time(time) and (is_pid(dest) or is_atom(dest)) do
    {:ok, {:send_local, :erlang.send_after(time, dest, message)}}
  end

  def send_after(time, {name, node} = dest, message) when valid_time(time) and is_atom(name) and is_atom(node) do
    add(:once, time, {:send, dest, message}, nil)
  end

  def send_after(_time, _dest, _message), do: {:error, :badarg}

  def apply_after(time, module, function, args) when valid_time(time) and is_atom(module) and is_atom(function) and is_list(args) do
    add(:once, time, {:apply, module, function, args}, nil)
  end

  def apply_after(_time, _module, _function, _args), do: {:error, :badarg}

  def exit_after(time, reason), do: exit_after(time, self(), reason)
  def exit_after(time, pid, reason), do: apply_after(time, :erlang, :exit, [pid, reason])
  def kill_after(time), do: exit_after(time, self(), :kill)
  def kill_after(time, pid), do: exit_after(time, pid, :kill)

  def send_interval(time, message), do: send_interval(time, self(), message)

  def send_interval(time, dest, message) when valid_time(time) and (is_pid(dest) or is_atom(dest)) do
    # A name is looked up once: the timer ends with the process registered then, if any.
    add(:interval, time, {:send, dest, message}, if(is_pid(dest), do: dest, else: Process.whereis(dest)))
  end

  def send_interval(_time, _dest, _message), do: {:error, :badarg}

  def apply_interval(time, module, function, args) when valid_time(time) and is_atom(module) and is_atom(function) and is_list(args) do
    add(:interval, time, {:apply, module, function, args}, self())
  end

  def apply_interval(_time, _module, _function, _args), do: {:error, :badarg}

  @doc "Cancels a timer made by this module: `{:ok, :cancel}`, or `{:error, :badarg}`."
  def cancel({:send_local, ref}) when is_reference(ref) do
    :erlang.cancel_timer(ref)
    {:ok, :cancel}
  end

  def cancel({kind, ref}) when kind in [:once, :interval] and is_reference(ref) do
    call({:cancel, ref})
  end

  def cancel(_), do: {:error, :badarg}

  # -- the timer server --------------------------------------------------------------------

  defp add(kind, time, action, watch), do: call({:add, kind, time, action, watch})

  defp call(request) do
    tag = make_ref()
    send(server(), {:"$timer_call", self(), tag, request})

    receive do
      {^tag, reply} -> reply
    end
  end

  defp server do
    case Process.whereis(:timer_server) do
      nil ->
        pid = spawn(fn -> loop(%{}) end)

        try do
          Process.register(pid, :timer_server)
          pid
        rescue
          ArgumentError ->
            Process.exit(pid, :kill)
            server()
        end

      pid ->
        pid
    end
  end

  # timers: ref => {kind, time, action, erlang timer ref, monitor ref or nil}
  defp loop(timers) do
    receive do
      {:"$timer_call", from, tag, {:add, kind, time, action, watch}} ->
        ref = make_ref()
        t = :erlang.send_after(time, self(), {:"$timer_fire", ref})
        mon = if watch, do: Process.monitor(watch)
        send(from, {tag, {:ok, {kind, ref}}})
        loop(Map.put(timers, ref, {kind, time, action, t, mon}))

      {:"$timer_call", from, tag, {:cancel, ref}} ->
        case Map.pop(timers, ref) do
          {nil, _} ->
            send(from, {tag, {:ok, :cancel}})
            loop(timers)

          {{_, _, _, t, mon}, timers} ->
            :erlang.cancel_timer(t)
            if mon, do: Process.demonitor(mon, [:flush])
            send(from, {tag, {:ok, :cancel}})
            loop(timers)
        end

      {:"$timer_fire", ref} ->
        case timers do
          %{^ref => {:once, _, action, _, mon}} ->
            run(action)
            if mon, do: Process.demonitor(mon, [:flush])
            loop(Map.delete(timers, ref))

          %{^ref => {:interval, time, action, _, mon}} ->
            t = :erlang.send_after(time, self(), {:"$timer_fire", ref})
            run(action)
            loop(Map.put(timers, ref, {:interval, time, action, t, mon}))

          _ ->
            loop(timers)
        end

      {:DOWN, mon, :process, _, _} ->
        gone = for {ref, {_, _, _, t, ^mon}} <- timers, do: {ref, t}
        Enum.each(gone, fn {_, t} -> :erlang.cancel_timer(t) end)
        loop(Map.drop(timers, Enum.map(gone, &elem(&1, 0))))

      _ ->
        loop(timers)
    end
  end

  defp run({:send, dest, message}) do
    try do
      send(dest, message)
    rescue
      _ -> :ok
    end
  end

  defp run({:apply, module, function, args}), do: spawn(module, function, args)
end
