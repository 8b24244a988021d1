defmodule Stream do
  @moduledoc """
  Lazy enumerables. A stream is `%Stream{next: thunk}` where `thunk.()` returns
  `{element, next_thunk}` or `:done` (a pull-based lazy list): nothing is computed until an
  `Enum` function (or `Stream.run/1`) pulls, and a pull stops as soon as the consumer halts,
  so infinite streams (`iterate/2`, `cycle/1`, `repeatedly/1`, `unfold/2`) work with
  `Enum.take/2` and friends.
  """

  defstruct next: nil

  @doc false
  def __pull__(%{__struct__: Stream, next: next}), do: next
  def __pull__(list) when is_list(list), do: pull_list(list)
  def __pull__(%{__struct__: Range, first: f, last: l, step: s}), do: pull_range(f, l, s)
  def __pull__(other), do: pull_list(Enum.to_list(other))

  defp pull_list(list) do
    fn ->
      case list do
        [h | t] -> {h, pull_list(t)}
        _ -> :done
      end
    end
  end

  defp pull_range(i, last, step) do
    fn ->
      if (step > 0 and i <= last) or (step < 0 and i >= last) do
        {i, pull_range(i + step, last, step)}
      else
        :done
      end
    end
  end

  defp new(next), do: %Stream{next: next}
  defp done, do: fn -> :done end

  # -- transformations -------------------------------------------------------------------

  def map(enum, fun), do: new(map_next(__pull__(enum), fun))

  defp map_next(next, fun) do
    fn ->
      case next.() do
        {x, n} -> {fun.(x), map_next(n, fun)}
        _ -> :done
      end
    end
  end

  def each(enum, fun) do
    map(enum, fn x ->
      fun.(x)
      x
    end)
  end

  def filter(enum, fun), do: new(filter_next(__pull__(enum), fun))
  def reject(enum, fun), do: new(filter_next(__pull__(enum), fn x -> !fun.(x) end))

  defp filter_next(next, fun), do: fn -> filter_step(next, fun) end

  defp filter_step(next, fun) do
    case next.() do
      {x, n} -> if fun.(x), do: {x, filter_next(n, fun)}, else: filter_step(n, fun)
      _ -> :done
    end
  end

  def filter_map(enum, filter, mapper), do: map(filter(enum, filter), mapper)

  def flat_map(enum, fun), do: new(flat_next(__pull__(enum), done(), fun))

  defp flat_next(outer, inner, fun), do: fn -> flat_step(outer, inner, fun) end

  defp flat_step(outer, inner, fun) do
    case inner.() do
      {x, n} ->
        {x, flat_next(outer, n, fun)}

      _ ->
        case outer.() do
          {y, o} -> flat_step(o, __pull__(fun.(y)), fun)
          _ -> :done
        end
    end
  end

  def concat(enums), do: flat_map(enums, fn e -> e end)
  def concat(a, b), do: concat([a, b])

  def with_index(enum, offset \\ 0), do: new(index_next(__pull__(enum), offset))

  defp index_next(next, i) do
    fn ->
      case next.() do
        {x, n} -> {{x, i}, index_next(n, i + 1)}
        _ -> :done
      end
    end
  end

  def scan(enum, acc, fun), do: new(scan_next(__pull__(enum), acc, fun))

  def scan(enum, fun), do: new(scan_first(__pull__(enum), fun))

  defp scan_first(next, fun) do
    fn ->
      case next.() do
        {x, n} -> {x, scan_next(n, x, fun)}
        _ -> :done
      end
    end
  end

  defp scan_next(next, acc, fun) do
    fn ->
      case next.() do
        {x, n} ->
          acc = fun.(x, acc)
          {acc, scan_next(n, acc, fun)}

        _ ->
          :done
      end
    end
  end

  def dedup(enum), do: new(dedup_next(__pull__(enum), {__MODULE__, :none}, fn x -> x end))
  def dedup_by(enum, fun), do: new(dedup_next(__pull__(enum), {__MODULE__, :none}, fun))

  defp dedup_next(next, last, fun), do: fn -> dedup_step(next, last, fun) end

  defp dedup_step(next, last, fun) do
    case next.() do
      {x, n} ->
        k = fun.(x)
        if k === last, do: dedup_step(n, last, fun), else: {x, dedup_next(n, k, fun)}

      _ ->
        :done
    end
  end

  def uniq(enum), do: uniq_by(enum, fn x -> x end)
  def uniq_by(enum, fun), do: new(uniq_next(__pull__(enum), %{}, fun))

  defp uniq_next(next, seen, fun), do: fn -> uniq_step(next, seen, fun) end

  defp uniq_step(next, seen, fun) do
    case next.() do
      {x, n} ->
        k = fun.(x)
        if is_map_key(seen, k), do: uniq_step(n, seen, fun), else: {x, uniq_next(n, Map.put(seen, k, true), fun)}

      _ ->
        :done
    end
  end

  def intersperse(enum, sep), do: new(intersperse_next(__pull__(enum), sep, true))

  defp intersperse_next(next, sep, first?) do
    fn ->
      case next.() do
        {x, n} ->
          if first?, do: {x, intersperse_next(n, sep, false)}, else: {sep, fn -> {x, intersperse_next(n, sep, false)} end}

        _ ->
          :done
      end
    end
  end

  # -- slicing -----------------------------------------------------------------------------

  def take(_enum, 0), do: new(done())

  def take(enum, n) when n > 0, do: new(take_next(__pull__(enum), n))
  def take(enum, n), do: new(__pull__(Enum.take(enum, n)))

  defp take_next(_next, 0), do: done()

  defp take_next(next, n) do
    fn ->
      case next.() do
        {x, rest} -> {x, take_next(rest, n - 1)}
        _ -> :done
      end
    end
  end

  def take_while(enum, fun), do: new(take_while_next(__pull__(enum), fun))

  defp take_while_next(next, fun) do
    fn ->
      case next.() do
        {x, n} -> if fun.(x), do: {x, take_while_next(n, fun)}, else: :done
        _ -> :done
      end
    end
  end

  def take_every(enum, nth) when nth > 0, do: new(every_next(__pull__(enum), nth, 0))
  def take_every(_enum, 0), do: new(done())

  defp every_next(next, nth, i), do: fn -> every_step(next, nth, i) end

  defp every_step(next, nth, i) do
    case next.() do
      {x, n} -> if rem(i, nth) == 0, do: {x, every_next(n, nth, i + 1)}, else: every_step(n, nth, i + 1)
      _ -> :done
    end
  end

  def drop(enum, n) when n >= 0, do: new(drop_next(__pull__(enum), n))
  def drop(enum, n), do: new(__pull__(Enum.drop(enum, n)))

  defp drop_next(next, n) do
    fn -> drop_step(next, n) end
  end

  defp drop_step(next, 0), do: next.()

  defp drop_step(next, n) do
    case next.() do
      {_, rest} -> drop_step(rest, n - 1)
      _ -> :done
    end
  end

  def drop_while(enum, fun), do: new(drop_while_next(__pull__(enum), fun))

  defp drop_while_next(next, fun), do: fn -> drop_while_step(next, fun) end

  defp drop_while_step(next, fun) do
    case next.() do
      {x, n} -> if fun.(x), do: drop_while_step(n, fun), else: {x, n}
      _ -> :done
    end
  end

  def chunk_every(enum, count), do: chunk_every(enum, count, count, [])

  def chunk_every(enum, count, step, leftover \\ []) when count > 0 and step > 0 do
    new(chunk_next(__pull__(enum), count, step, leftover, [], 0))
  end

  # `buf` holds the current chunk reversed, `len` its length.
  defp chunk_next(next, count, step, leftover, buf, len) do
    fn -> chunk_step(next, count, step, leftover, buf, len, false) end
  end

  defp chunk_step(next, count, step, leftover, buf, len, _emitted?) do
    if len == count do
      chunk = :lists.reverse(buf)

      rest =
        if step < count do
          keep = Enum.drop(chunk, step)
          {:lists.reverse(keep), length(keep), next}
        else
          {[], 0, skip(next, step - count)}
        end

      {kbuf, klen, knext} = rest
      {chunk, fn -> chunk_step(knext, count, step, leftover, kbuf, klen, true) end}
    else
      case next.() do
        {x, n} ->
          chunk_step(n, count, step, leftover, [x | buf], len + 1, false)

        _ ->
          cond do
            len == 0 -> :done
            leftover == :discard -> :done
            true -> {:lists.reverse(buf) ++ Enum.take(leftover, count - len), done()}
          end
      end
    end
  end

  defp skip(next, 0), do: next

  defp skip(next, n) do
    fn ->
      case next.() do
        {_, rest} -> skip(rest, n - 1).()
        _ -> :done
      end
    end
  end

  def chunk_by(enum, fun), do: new(chunk_by_next(__pull__(enum), fun, nil))

  defp chunk_by_next(next, fun, pending) do
    fn ->
      case pending do
        nil ->
          case next.() do
            {x, n} -> chunk_by_collect(n, fun, fun.(x), [x])
            _ -> :done
          end

        {x, k} ->
          chunk_by_collect(next, fun, k, [x])
      end
    end
  end

  defp chunk_by_collect(next, fun, key, acc) do
    case next.() do
      {x, n} ->
        k = fun.(x)

        if k === key,
          do: chunk_by_collect(n, fun, key, [x | acc]),
          else: {:lists.reverse(acc), chunk_by_next(n, fun, {x, k})}

      _ ->
        {:lists.reverse(acc), done()}
    end
  end

  # -- combining -------------------------------------------------------------------------------

  def zip(a, b), do: zip([a, b])
  def zip(enums), do: new(zip_next(Enum.map(enums, &__pull__/1)))

  defp zip_next(thunks) do
    fn ->
      pulled = Enum.map(thunks, fn th -> th.() end)

      if Enum.all?(pulled, &is_tuple/1) do
        {List.to_tuple(Enum.map(pulled, &elem(&1, 0))), zip_next(Enum.map(pulled, &elem(&1, 1)))}
      else
        :done
      end
    end
  end

  def zip_with(a, b, fun), do: map(zip(a, b), fn {x, y} -> fun.(x, y) end)

  # -- generators ------------------------------------------------------------------------------

  def iterate(start, fun), do: new(fn -> {start, iterate_next(start, fun)} end)

  defp iterate_next(prev, fun) do
    fn ->
      x = fun.(prev)
      {x, iterate_next(x, fun)}
    end
  end

  def unfold(acc, fun), do: new(unfold_next(acc, fun))

  defp unfold_next(acc, fun) do
    fn ->
      case fun.(acc) do
        {x, acc} -> {x, unfold_next(acc, fun)}
        nil -> :done
      end
    end
  end

  def repeatedly(fun), do: new(repeat_next(fun))
  defp repeat_next(fun), do: fn -> {fun.(), repeat_next(fun)} end

  def cycle(enum) do
    case Enum.to_list(enum) do
      [] -> raise ArgumentError, "cannot cycle over an empty enumerable"
      list -> new(cycle_next(list, list))
    end
  end

  defp cycle_next([], all), do: cycle_next(all, all)
  defp cycle_next([h | t], all), do: fn -> {h, cycle_next(t, all)} end

  def resource(start_fun, next_fun, after_fun) do
    new(fn -> resource_step(start_fun.(), [], next_fun, after_fun) end)
  end

  defp resource_step(acc, [x | rest], next_fun, after_fun) do
    {x, fn -> resource_step(acc, rest, next_fun, after_fun) end}
  end

  defp resource_step(acc, [], next_fun, after_fun) do
    case next_fun.(acc) do
      {:halt, acc} ->
        after_fun.(acc)
        :done

      {items, acc} ->
        resource_step(acc, Enum.to_list(items), next_fun, after_fun)
    end
  end

  def map_every(enum, nth, fun) do
    with_index(enum) |> map(fn {x, i} -> if nth > 0 and rem(i, nth) == 0, do: fun.(x), else: x end)
  end

  def transform(enum, acc, fun) do
    new(transform_next(__pull__(enum), acc, fun, []))
  end

  defp transform_next(next, acc, fun, buf) do
    fn ->
      case buf do
        [x | rest] ->
          {x, transform_next(next, acc, fun, rest)}

        [] ->
          case next.() do
            {x, n} ->
              case fun.(x, acc) do
                {:halt, _} -> :done
                {items, acc} -> transform_next(n, acc, fun, Enum.to_list(items)).()
              end

            _ ->
              :done
          end
      end
    end
  end

  def transform(enum, start_fun, reducer, after_fun) when is_function(start_fun, 0) do
    transform(enum, start_fun, reducer, fn acc -> {[], acc} end, after_fun)
  end

  def transform(enum, start_fun, reducer, last_fun, after_fun) when is_function(start_fun, 0) do
    new(fn -> transform5_step(__pull__(enum), start_fun.(), reducer, last_fun, after_fun) end)
  end

  defp transform5_step(next, acc, reducer, last_fun, after_fun) do
    case next.() do
      {x, n} ->
        case reducer.(x, acc) do
          {:halt, acc} ->
            transform5_finish(acc, last_fun, after_fun)

          {items, acc} ->
            transform5_emit(Enum.to_list(items), fn -> transform5_step(n, acc, reducer, last_fun, after_fun) end)
        end

      _ ->
        transform5_finish(acc, last_fun, after_fun)
    end
  end

  defp transform5_finish(acc, last_fun, after_fun) do
    {items, acc} = last_fun.(acc)
    after_fun.(acc)
    transform5_emit(Enum.to_list(items), fn -> :done end)
  end

  defp transform5_emit([], k), do: k.()
  defp transform5_emit([x | rest], k), do: {x, fn -> transform5_emit(rest, k) end}

  def chunk_while(enum, acc, chunk_fun, after_fun) do
    new(chunk_while_next(__pull__(enum), acc, chunk_fun, after_fun))
  end

  defp chunk_while_next(next, acc, chunk_fun, after_fun) do
    fn -> chunk_while_step(next, acc, chunk_fun, after_fun) end
  end

  defp chunk_while_step(next, acc, chunk_fun, after_fun) do
    case next.() do
      {x, n} ->
        case chunk_fun.(x, acc) do
          {:cont, chunk, acc} -> {chunk, chunk_while_next(n, acc, chunk_fun, after_fun)}
          {:cont, acc} -> chunk_while_step(n, acc, chunk_fun, after_fun)
          {:halt, acc} -> chunk_while_after(acc, after_fun)
        end

      _ ->
        chunk_while_after(acc, after_fun)
    end
  end

  defp chunk_while_after(acc, after_fun) do
    case after_fun.(acc) do
      {:cont, chunk, _acc} -> {chunk, done()}
      {:cont, _acc} -> :done
    end
  end

  def drop_every(enum, 0), do: enum

  def drop_every(enum, nth) when is_integer(nth) and nth > 0 do
    with_index(enum) |> filter(fn {_, i} -> rem(i, nth) != 0 end) |> map(fn {x, _} -> x end)
  end

  def duplicate(value, n) when is_integer(n) and n >= 0, do: take(repeatedly(fn -> value end), n)

  def interval(n) when is_integer(n) and n >= 0 do
    iterate(0, fn i -> i + 1 end)
    |> map(fn i ->
      Process.sleep(n)
      i
    end)
  end

  def timer(n) when is_integer(n) and n >= 0 do
    new(fn ->
      Process.sleep(n)
      {0, done()}
    end)
  end

  def zip_with(enums, fun) when is_function(fun, 1), do: map(zip(enums), fn t -> fun.(Tuple.to_list(t)) end)

  @doc "Passes the elements through and, once the stream is done, collects them into `collectable`."
  def into(enum, collectable, transform \\ fn x -> x end) do
    new(into_next(__pull__(enum), [], collectable, transform))
  end

  defp into_next(next, acc, collectable, transform) do
    fn ->
      case next.() do
        {x, n} ->
          {x, into_next(n, [transform.(x) | acc], collectable, transform)}

        _ ->
          Enum.into(:lists.reverse(acc), collectable)
          :done
      end
    end
  end

  @doc "Runs the stream for its side effects."
  def run(enum) do
    Enum.reduce(enum, nil, fn _, _ -> nil end)
    :ok
  end
end
