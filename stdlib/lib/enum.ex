defmodule Enum do
  @moduledoc """
  Functions that work on enumerables: lists, maps (as `{key, value}` pairs), ranges,
  `MapSet`s, streams and anything else that implements the `Enumerable` protocol.

  Every function here is eager: it walks the whole enumerable (or as much as it needs) and
  returns a list or a value. Use `Stream` for lazy pipelines.

      iex> Enum.map([1, 2, 3], fn x -> x * 2 end)
      [2, 4, 6]
      iex> 1..5 |> Enum.filter(&(rem(&1, 2) == 1)) |> Enum.sum()
      9
  """
  # Functions that call user code are written here; leaf operations on lists (sort, join,
  # uniq, frequencies, chunk_every ...) are natives of `:retort_enum` and `:lists`.

  # ---------------------------------------------------------------------------------------
  # The enumerable protocol: `iterate/3` reduces with a fun that returns `{:cont, acc}` or
  # `{:halt, acc}` and returns the final accumulator.

  # A comprehension's generator over something other than a list (the compiler's
  # `FnCx::for_generator` calls it): `{chunk, rest}`, the next elements as a list and what is
  # left of the enumerable (`[]` when nothing), for enumerables whose elements can be produced
  # ahead of the body (ranges, 256 at a time; maps and MapSets, in the order `reduce/3` gives:
  # a map of more than 32 keys in `:maps.fold/3`'s order, see `fold_list/1`);
  # `nil` when they must come one at a time (streams, other `Enumerable` implementations,
  # whose effects interleave with the body's).
  @doc false
  def for_chunk(%{__struct__: Range, first: first, last: last, step: step})
      when is_integer(first) and is_integer(last) and is_integer(step) and step != 0 do
    stop = first + 255 * step

    cond do
      (step > 0 and first > last) or (step < 0 and first < last) -> {[], []}
      (step > 0 and stop >= last) or (step < 0 and stop <= last) -> {:retort_enum.range_to_list(first, last, step), []}
      true -> {:retort_enum.range_to_list(first, stop, step), %{__struct__: Range, first: stop + step, last: last, step: step}}
    end
  end

  def for_chunk(%{__struct__: MapSet, map: map}), do: {:maps.keys(map), []}
  def for_chunk(%{__struct__: _}), do: nil
  def for_chunk(map) when is_map(map), do: {fold_list(map), []}
  def for_chunk(_), do: nil

  @doc false
  def iterate(list, acc, fun) when is_list(list), do: iterate_list(list, acc, fun)

  def iterate(%{__struct__: Range, first: first, last: last, step: step}, acc, fun) do
    iterate_range(first, last, step, acc, fun)
  end

  def iterate(%{__struct__: MapSet, map: map}, acc, fun), do: iterate_list(:maps.keys(map), acc, fun)
  def iterate(%{__struct__: Date.Range} = r, acc, fun), do: iterate_list(Date.Range.to_list(r), acc, fun)
  def iterate(%{__struct__: Stream, next: next}, acc, fun), do: iterate_stream(next, acc, fun)
  # any other struct: its `Enumerable` implementation (Protocol.UndefinedError without one)
  def iterate(%{__struct__: _} = struct, acc, fun), do: Enumerable.__reduce__(struct, acc, fun)
  def iterate(map, acc, fun) when is_map(map), do: iterate_list(:maps.to_list(map), acc, fun)

  def iterate(reducer, acc, fun) when is_function(reducer, 2) do
    {_, acc} = reducer.({:cont, acc}, fun)
    acc
  end

  def iterate(other, _acc, _fun) do
    raise Protocol.UndefinedError, protocol: Enumerable, value: other, description: ""
  end

  defp iterate_list([h | t], acc, fun) do
    case fun.(h, acc) do
      {:cont, acc} -> iterate_list(t, acc, fun)
      {:halt, acc} -> acc
    end
  end

  defp iterate_list([], acc, _fun), do: acc

  defp iterate_range(i, last, step, acc, fun) do
    if (step > 0 and i <= last) or (step < 0 and i >= last) do
      case fun.(i, acc) do
        {:cont, acc} -> iterate_range(i + step, last, step, acc, fun)
        {:halt, acc} -> acc
      end
    else
      acc
    end
  end

  defp iterate_stream(next, acc, fun) do
    case next.() do
      {x, next} ->
        case fun.(x, acc) do
          {:cont, acc} -> iterate_stream(next, acc, fun)
          {:halt, acc} -> acc
        end

      _ ->
        acc
    end
  end

  # ---------------------------------------------------------------------------------------
  # Reductions

  @doc "Reduces the enumerable with `fun.(element, acc)` starting from `acc`."
  def reduce(enumerable, acc, fun) when is_list(enumerable), do: reduce_list(enumerable, acc, fun)

  def reduce(%{__struct__: Range, first: first, last: last, step: step}, acc, fun) do
    reduce_range(first, last, step, acc, fun)
  end

  def reduce(map, acc, fun) when is_map(map) and not is_map_key(map, :__struct__) and map_size(map) > 32,
    do: reduce_list(fold_list(map), acc, fun)

  def reduce(enumerable, acc, fun) do
    iterate(enumerable, acc, fn x, acc -> {:cont, fun.(x, acc)} end)
  end

  # Elixir 1.14's `Enum.reduce/3` folds a plain map with `:maps.fold/3`, whose order (the
  # hashmap iterator's) is the reverse of `:maps.to_list/1`'s; the functions Elixir builds on
  # `reduce/3` (map, filter, each, sum, join, ...) see a map's entries in this order, while
  # those built on `Enumerable.reduce/3` (find, take, at, zip, to_list ...) see `to_list`'s.
  # The two differ only for maps of more than 32 keys (hashmaps; a flatmap folds in key order).
  defp fold_list(map) when is_map(map) and not is_map_key(map, :__struct__) and map_size(map) > 32,
    do: :lists.reverse(:maps.to_list(map))

  defp fold_list(enumerable), do: to_list(enumerable)

  defp reduce_list([h | t], acc, fun), do: reduce_list(t, fun.(h, acc), fun)
  defp reduce_list([], acc, _fun), do: acc

  defp reduce_range(i, last, step, acc, fun) do
    if (step > 0 and i <= last) or (step < 0 and i >= last) do
      reduce_range(i + step, last, step, fun.(i, acc), fun)
    else
      acc
    end
  end

  @doc "Reduces with the first element as the initial accumulator."
  def reduce(enumerable, fun) do
    case to_list(enumerable) do
      [h | t] -> reduce_list(t, h, fun)
      [] -> raise Enum.EmptyError
    end
  end

  @doc "Reduces while `fun` returns `{:cont, acc}`; stops at `{:halt, acc}`."
  def reduce_while(enumerable, acc, fun), do: iterate(enumerable, acc, fun)

  @doc """
  Maps and reduces in one pass: `fun` takes an element and the accumulator and returns `{mapped, acc}`. Returns `{mapped_list, acc}`.

      iex> Enum.map_reduce([1, 2, 3], 0, fn x, acc -> {x * 2, acc + x} end)
      {[2, 4, 6], 6}
  """
  def map_reduce(enumerable, acc, fun) do
    {list, acc} =
      reduce(enumerable, {[], acc}, fn x, {l, acc} ->
        {y, acc} = fun.(x, acc)
        {[y | l], acc}
      end)

    {:lists.reverse(list), acc}
  end

  @doc """
  Like `reduce/2`, but returns every intermediate accumulator.

      iex> Enum.scan([1, 2, 3], &+/2)
      [1, 3, 6]
  """
  def scan(enumerable, fun) do
    case fold_list(enumerable) do
      [] -> []
      [h | t] -> :lists.reverse(scan_list(t, h, fun, [h]))
    end
  end

  @doc """
  Like `reduce/3`, but returns every intermediate accumulator.
  """
  def scan(enumerable, acc, fun), do: :lists.reverse(scan_list(fold_list(enumerable), acc, fun, []))

  defp scan_list([h | t], acc, fun, out) do
    acc = fun.(h, acc)
    scan_list(t, acc, fun, [acc | out])
  end

  defp scan_list([], _acc, _fun, out), do: out

  # ---------------------------------------------------------------------------------------
  # Conversion

  @doc "The elements as a list."
  def to_list(list) when is_list(list), do: list

  def to_list(%{__struct__: Range, first: first, last: last, step: step}),
    do: :retort_enum.range_to_list(first, last, step)

  def to_list(%{__struct__: MapSet, map: map}), do: :maps.keys(map)
  def to_list(%{__struct__: Date.Range} = r), do: Date.Range.to_list(r)
  def to_list(%{__struct__: Stream} = s), do: :lists.reverse(iterate(s, [], fn x, acc -> {:cont, [x | acc]} end))
  def to_list(map) when is_map(map) and not is_map_key(map, :__struct__), do: :maps.to_list(map)
  def to_list(other), do: :lists.reverse(iterate(other, [], fn x, acc -> {:cont, [x | acc]} end))

  # ---------------------------------------------------------------------------------------
  # Mapping and filtering

  @doc """
  Returns a list where each element is the result of invoking `fun` on each
  corresponding element of `enumerable`.

  For maps, the function expects a key-value tuple.
  """
  def map(enumerable, fun) when is_list(enumerable), do: map_list(enumerable, fun)
  def map(enumerable, fun), do: map_list(fold_list(enumerable), fun)

  defp map_list([h | t], fun), do: [fun.(h) | map_list(t, fun)]
  defp map_list([], _fun), do: []

  @doc """
  Applies `fun` to every `nth` element, starting with the first, and keeps the others as they are.
  """
  def map_every(enumerable, nth, fun) do
    {list, _} =
      map_reduce(enumerable, 0, fn x, i ->
        if nth > 0 and rem(i, nth) == 0, do: {fun.(x), i + 1}, else: {x, i + 1}
      end)

    list
  end

  @doc """
  Maps `fun` over the elements and puts `separator` between the results.
  """
  def map_intersperse(enumerable, separator, fun) do
    :retort_enum.intersperse(map(enumerable, fun), separator)
  end

  # As Elixir 1.14's `flat_map_list/2`: body-recursive `++` over the results, in the order
  # `reduce/3` visits the elements.
  @doc """
  Maps `fun` over the elements and concatenates the lists it returns.

      iex> Enum.flat_map([1, 2], fn x -> [x, x] end)
      [1, 1, 2, 2]
  """
  def flat_map(list, fun) when is_list(list), do: flat_map_list(list, fun)
  def flat_map(%{__struct__: Range} = range, fun), do: flat_map_list(to_list(range), fun)

  def flat_map(enumerable, fun) do
    reduce(enumerable, [], fn x, acc -> :lists.reverse(to_list(fun.(x)), acc) end) |> :lists.reverse()
  end

  defp flat_map_list([h | t], fun) do
    case fun.(h) do
      list when is_list(list) -> list ++ flat_map_list(t, fun)
      other -> to_list(other) ++ flat_map_list(t, fun)
    end
  end

  defp flat_map_list([], _fun), do: []

  @doc """
  Keeps the elements for which `fun` returns a truthy value.

      iex> Enum.filter([1, 2, 3, 4], fn x -> rem(x, 2) == 0 end)
      [2, 4]
  """
  def filter(list, fun) when is_list(list), do: filter_list(list, fun)
  def filter(enumerable, fun), do: filter_list(fold_list(enumerable), fun)

  defp filter_list([h | t], fun) do
    if fun.(h), do: [h | filter_list(t, fun)], else: filter_list(t, fun)
  end

  defp filter_list([], _fun), do: []

  @doc """
  Drops the elements for which `fun` returns a truthy value.

      iex> Enum.reject([1, 2, 3], &(&1 == 2))
      [1, 3]
  """
  def reject(enumerable, fun), do: filter_list(fold_list(enumerable), fn x -> !fun.(x) end)

  @doc """
  Calls `fun` on each element, for its side effects; returns `:ok`.

      Enum.each(["a", "b"], &IO.puts/1)
  """
  def each(list, fun) when is_list(list), do: each_list(list, fun)

  def each(enumerable, fun) do
    reduce(enumerable, nil, fn x, _ ->
      fun.(x)
      nil
    end)

    :ok
  end

  @doc """
  Pairs each element with its index, starting at `offset` (or transforms each with a two-argument `fun`).

      iex> Enum.with_index([:a, :b])
      [a: 0, b: 1]
  """
  def with_index(enumerable, offset \\ 0)

  def with_index(list, offset) when is_list(list) and is_integer(offset),
    do: :retort_enum.with_index(list, offset)

  def with_index(enumerable, fun) when is_function(fun, 2) do
    {list, _} = map_reduce(enumerable, 0, fn x, i -> {fun.(x, i), i + 1} end)
    list
  end

  def with_index(enumerable, offset), do: :retort_enum.with_index(fold_list(enumerable), offset)

  # ---------------------------------------------------------------------------------------
  # Aggregates

  @doc """
  Returns the number of elements of the enumerable.
  """
  def count(list) when is_list(list), do: length(list)
  def count(%{__struct__: Range} = r), do: Range.size(r)
  def count(%{__struct__: MapSet, map: map}), do: map_size(map)
  def count(%{__struct__: Date.Range} = r), do: Date.Range.count(r)
  def count(%{__struct__: Stream} = s), do: reduce(s, 0, fn _, n -> n + 1 end)
  def count(%{__struct__: _} = struct) do
    case Enumerable.__impl__(struct).count(struct) do
      {:ok, n} -> n
      _ -> reduce(struct, 0, fn _, n -> n + 1 end)
    end
  end

  def count(map) when is_map(map), do: map_size(map)
  def count(other), do: reduce(other, 0, fn _, n -> n + 1 end)

  @doc """
  Returns the number of elements for which `fun` returns a truthy value.

      iex> Enum.count([1, 2, 3, 4], &(&1 > 1))
      3
  """
  def count(list, fun) when is_list(list), do: count_list(list, fun, 0)

  def count(enumerable, fun) do
    reduce(enumerable, 0, fn x, n -> if fun.(x), do: n + 1, else: n end)
  end

  @doc """
  Adds up all the elements (numbers); 0 for an empty enumerable.

      iex> Enum.sum(1..4)
      10
  """
  def sum(%{__struct__: Range, first: first, step: step} = r) do
    n = Range.size(r)
    if n == 0, do: 0, else: div(n * (2 * first + (n - 1) * step), 2)
  end

  def sum(enumerable), do: :retort_enum.sum(fold_list(enumerable))
  @doc """
  Multiplies all the elements (numbers); 1 for an empty enumerable.
  """
  def product(enumerable), do: :retort_enum.product(fold_list(enumerable))

  # In bounded native steps (`vm/src/bif/enum_steps.rs`), so other processes run while a
  # list of millions is counted.
  @doc """
  Returns a map from each distinct element to the number of times it occurs.

      iex> Enum.frequencies(~w(a b a))
      %{"a" => 2, "b" => 1}
  """
  def frequencies(enumerable), do: frequencies_steps(fold_list(enumerable), %{})

  defp frequencies_steps(list, counts) do
    case :retort_enum.frequencies_step(list, counts, 4096) do
      {:done, counts} -> counts
      {:cont, list, counts} -> frequencies_steps(list, counts)
    end
  end

  @doc """
  Like `frequencies/1`, counting the keys `key_fun` gives for the elements.
  """
  def frequencies_by(enumerable, fun) do
    reduce(enumerable, %{}, fn x, acc ->
      k = fun.(x)
      Map.put(acc, k, Map.get(acc, k, 0) + 1)
    end)
  end

  @doc """
  Groups the elements by the key `key_fun` gives: a map from each key to the list of its elements (mapped by `value_fun`), in their original order.

      iex> Enum.group_by(~w(ant bee cat), &String.length/1)
      %{3 => ["ant", "bee", "cat"]}
  """
  def group_by(enumerable, key_fun, value_fun \\ fn x -> x end) do
    reduce(:lists.reverse(fold_list(enumerable)), %{}, fn x, acc ->
      k = key_fun.(x)
      v = value_fun.(x)

      case acc do
        %{^k => l} -> Map.put(acc, k, [v | l])
        _ -> Map.put(acc, k, [v])
      end
    end)
  end

  @doc """
  Returns the smallest element in term order (or by `sorter`); calls `fallback` for an empty enumerable, which otherwise raises `Enum.EmptyError`.
  """
  def min(enumerable, sorter_or_fallback \\ nil, fallback \\ nil)

  def min(%{__struct__: Range} = r, fallback, nil) when fallback == nil or is_function(fallback, 0), do: range_extreme(r, :min, fallback)
  def min(enumerable, fallback, nil) when is_function(fallback, 0), do: extreme(enumerable, fn a, b -> a <= b end, fallback)
  def min(enumerable, sorter, fallback), do: extreme(enumerable, sorter(sorter, :min), fallback)

  @doc """
  Returns the largest element in term order (or by `sorter`); calls `fallback` for an empty enumerable, which otherwise raises `Enum.EmptyError`.

      iex> Enum.max([3, 9, 2])
      9
  """
  def max(enumerable, sorter_or_fallback \\ nil, fallback \\ nil)

  def max(%{__struct__: Range} = r, fallback, nil) when fallback == nil or is_function(fallback, 0), do: range_extreme(r, :max, fallback)
  def max(enumerable, fallback, nil) when is_function(fallback, 0), do: extreme(enumerable, fn a, b -> a >= b end, fallback)
  def max(enumerable, sorter, fallback), do: extreme(enumerable, sorter(sorter, :max), fallback)

  # The smallest or largest element of a range, by arithmetic as Elixir's (a range of 2**70
  # elements answers at once).
  defp range_extreme(%{__struct__: Range, first: first, step: step} = r, which, fallback) do
    case Range.size(r) do
      0 ->
        empty(fallback)

      n ->
        last = first + (n - 1) * step
        if (which == :min) == (first <= last), do: first, else: last
    end
  end

  defp sorter(nil, :min), do: fn a, b -> a <= b end
  defp sorter(nil, :max), do: fn a, b -> a >= b end
  defp sorter(:asc, _), do: fn a, b -> a <= b end
  defp sorter(:desc, _), do: fn a, b -> a >= b end
  defp sorter(fun, _) when is_function(fun, 2), do: fun
  defp sorter({:asc, module}, _), do: fn a, b -> module.compare(a, b) != :gt end
  defp sorter({:desc, module}, _), do: fn a, b -> module.compare(a, b) != :lt end
  defp sorter(module, :min) when is_atom(module), do: fn a, b -> module.compare(a, b) != :gt end
  defp sorter(module, :max) when is_atom(module), do: fn a, b -> module.compare(a, b) != :lt end

  defp extreme(enumerable, sorter, fallback) do
    case fold_list(enumerable) do
      [] -> empty(fallback)
      [h | t] -> reduce_list(t, h, fn x, acc -> if sorter.(acc, x), do: acc, else: x end)
    end
  end

  defp empty(nil), do: raise(Enum.EmptyError)
  defp empty(fallback), do: fallback.()

  @doc """
  Returns the element for which `fun` gives the smallest value.
  """
  def min_by(enumerable, fun, sorter_or_fallback \\ nil, fallback \\ nil)

  def min_by(enumerable, fun, fallback, nil) when is_function(fallback, 0),
    do: extreme_by(enumerable, fun, fn a, b -> a <= b end, fallback)

  def min_by(enumerable, fun, sorter, fallback), do: extreme_by(enumerable, fun, sorter(sorter, :min), fallback)

  @doc """
  Returns the element for which `fun` gives the largest value.

      iex> Enum.max_by(["a", "ccc", "bb"], &String.length/1)
      "ccc"
  """
  def max_by(enumerable, fun, sorter_or_fallback \\ nil, fallback \\ nil)

  def max_by(enumerable, fun, fallback, nil) when is_function(fallback, 0),
    do: extreme_by(enumerable, fun, fn a, b -> a >= b end, fallback)

  def max_by(enumerable, fun, sorter, fallback), do: extreme_by(enumerable, fun, sorter(sorter, :max), fallback)

  defp extreme_by(enumerable, fun, sorter, fallback) do
    case fold_list(enumerable) do
      [] ->
        empty(fallback)

      [h | t] ->
        {x, _} =
          reduce_list(t, {h, fun.(h)}, fn x, {_, fa} = acc ->
            fx = fun.(x)
            if sorter.(fa, fx), do: acc, else: {x, fx}
          end)

        x
    end
  end

  @doc """
  Returns `{min, max}` of the elements in one pass.

      iex> Enum.min_max([2, 7, 1])
      {1, 7}
  """
  def min_max(enumerable, fallback \\ nil)

  def min_max(%{__struct__: Range} = r, fallback) do
    case Range.size(r) do
      0 -> empty(fallback)
      _ -> {range_extreme(r, :min, fallback), range_extreme(r, :max, fallback)}
    end
  end

  def min_max(enumerable, fallback) do
    case to_list(enumerable) do
      [] -> empty(fallback)
      list -> {extreme(list, fn a, b -> a <= b end, nil), extreme(list, fn a, b -> a >= b end, nil)}
    end
  end

  @doc """
  Returns `{element with the smallest fun value, element with the largest fun value}` in one pass.

      iex> Enum.min_max_by(["aa", "b", "ccc"], &String.length/1)
      {"b", "ccc"}
  """
  def min_max_by(enumerable, fun, sorter_or_empty_fallback \\ fn a, b -> a <= b end, empty_fallback \\ nil)

  def min_max_by(enumerable, fun, empty_fallback, _) when is_function(empty_fallback, 0),
    do: min_max_by(enumerable, fun, fn a, b -> a <= b end, empty_fallback)

  def min_max_by(enumerable, fun, sorter, empty_fallback) do
    before? =
      case sorter do
        {:asc, module} -> fn a, b -> module.compare(a, b) != :gt end
        module when is_atom(module) -> fn a, b -> module.compare(a, b) != :gt end
        f -> f
      end

    case fold_list(enumerable) do
      [] ->
        empty(empty_fallback)

      [h | t] ->
        fh = fun.(h)

        {{min, _}, {max, _}} =
          reduce_list(t, {{h, fh}, {h, fh}}, fn x, {{_, fmin} = mn, {_, fmax} = mx} ->
            fx = fun.(x)
            mn = if before?.(fx, fmin) and not before?.(fmin, fx), do: {x, fx}, else: mn
            mx = if before?.(fmax, fx) and not before?.(fx, fmax), do: {x, fx}, else: mx
            {mn, mx}
          end)

        {min, max}
    end
  end

  @doc """
  Counts the elements, stopping at `limit`: cheaper than `count/1` to ask "at least n?".
  """
  def count_until(enumerable, limit) when is_integer(limit) and limit > 0 do
    count_until(enumerable, fn _ -> true end, limit)
  end

  @doc """
  Counts the elements for which `fun` is truthy, stopping at `limit`.
  """
  def count_until(enumerable, fun, limit) when is_integer(limit) and limit > 0 do
    reduce_while(enumerable, 0, fn x, n ->
      n = if fun.(x), do: n + 1, else: n
      if n == limit, do: {:halt, n}, else: {:cont, n}
    end)
  end

  @doc """
  Like `flat_map/2` with an accumulator: `fun` returns `{list, acc}`, or `{:halt, acc}` to stop. Returns `{list, acc}`.
  """
  def flat_map_reduce(enumerable, acc, fun) do
    {list, acc} =
      reduce_while(enumerable, {[], acc}, fn x, {list, acc} ->
        case fun.(x, acc) do
          {:halt, acc} -> {:halt, {list, acc}}
          {items, acc} -> {:cont, {:lists.reverse(to_list(items), list), acc}}
        end
      end)

    {:lists.reverse(list), acc}
  end

  @doc """
  Reverses `count` elements starting at `start_index`, keeping the rest in place.
  """
  def reverse_slice(enumerable, start_index, count)
      when is_integer(start_index) and start_index >= 0 and is_integer(count) and count >= 0 do
    list = to_list(enumerable)
    {front, rest} = :lists.split(Kernel.min(start_index, length(list)), list)
    {middle, back} = :lists.split(Kernel.min(count, length(rest)), rest)
    front ++ :lists.reverse(middle) ++ back
  end

  @doc """
  Moves the element or range of elements at `index` so that it starts at `insertion_index`.

      iex> Enum.slide([:a, :b, :c, :d], 0, 2)
      [:b, :c, :a, :d]
  """
  def slide(enumerable, index, insertion_index) when is_integer(index),
    do: slide(enumerable, index..index, insertion_index)

  def slide(enumerable, first..last//step = range, insertion_index) when is_integer(insertion_index) do
    if step != 1 and first <= last do
      raise ArgumentError, "Enum.slide/3 does not accept ranges with custom steps, got: #{inspect(range)}"
    end

    list = to_list(enumerable)
    n = length(list)
    first = if first < 0, do: first + n, else: first
    last = if last < 0, do: last + n, else: last
    insertion_index = if insertion_index < 0, do: insertion_index + n, else: insertion_index

    cond do
      first > last or first >= n or first == insertion_index ->
        list

      insertion_index > first and insertion_index <= last ->
        raise ArgumentError,
              "insertion index for slide must be outside the range being moved (tried to insert #{first}..#{last} at #{insertion_index})"

      insertion_index < first ->
        last = Kernel.min(last, n - 1)
        {front, rest} = :lists.split(insertion_index, list)
        {between, rest} = :lists.split(first - insertion_index, rest)
        {moved, back} = :lists.split(last - first + 1, rest)
        front ++ moved ++ between ++ back

      true ->
        last = Kernel.min(last, n - 1)
        insertion_index = Kernel.min(insertion_index, n - 1)
        {front, rest} = :lists.split(first, list)
        {moved, rest} = :lists.split(last - first + 1, rest)
        {between, back} = :lists.split(insertion_index - last, rest)
        front ++ between ++ moved ++ back
    end
  end

  @doc """
  Takes `count` elements chosen at random.
  """
  def take_random(enumerable, count) when is_integer(count) and count >= 0 do
    enumerable |> shuffle() |> take(count)
  end

  @doc """
  Drops every `nth` element, starting with the first.

      iex> Enum.drop_every(1..6, 2)
      [2, 4, 6]
  """
  def drop_every(enumerable, 0), do: to_list(enumerable)

  def drop_every(enumerable, nth) when is_integer(nth) and nth > 0 do
    {list, _} =
      reduce(enumerable, {[], 0}, fn x, {acc, i} ->
        if rem(i, nth) == 0, do: {acc, i + 1}, else: {[x | acc], i + 1}
      end)

    :lists.reverse(list)
  end

  # ---------------------------------------------------------------------------------------
  # Searching

  @doc """
  Returns `true` if the enumerable contains an element equal (`==`) to `x`.
  """
  def member?(list, x) when is_list(list), do: :retort_enum.member(list, x)

  def member?(%{__struct__: Range, first: first, last: last, step: step}, x) do
    is_integer(x) and
      ((step > 0 and x >= first and x <= last) or (step < 0 and x <= first and x >= last)) and
      rem(x - first, step) == 0
  end

  def member?(%{__struct__: MapSet, map: map}, x), do: is_map_key(map, x)
  def member?(%{__struct__: Date.Range} = r, x), do: Date.Range.member?(r, x)
  def member?(%{__struct__: Stream} = s, x), do: any?(s, fn y -> y === x end)

  def member?(%{__struct__: _} = struct, x) do
    case Enumerable.__impl__(struct).member?(struct, x) do
      {:ok, b} -> b
      _ -> any?(struct, fn y -> y === x end)
    end
  end

  def member?(map, x) when is_map(map) do
    case x do
      {k, v} -> Map.fetch(map, k) == {:ok, v} and :maps.get(k, map) === v
      _ -> false
    end
  end

  def member?(other, x), do: any?(other, fn y -> y === x end)

  @doc """
  Returns `true` if at least one element of the enumerable is truthy.
  """
  def any?(list) when is_list(list), do: any_list(list, fn x -> x end)
  def any?(enumerable), do: any?(enumerable, fn x -> x end)

  @doc """
  Returns `true` if `fun` returns a truthy value for at least one element; stops at the first one.

      iex> Enum.any?([1, 2, 3], &(&1 > 2))
      true
  """
  def any?(list, fun) when is_list(list), do: any_list(list, fun)

  def any?(enumerable, fun) do
    iterate(enumerable, false, fn x, _ -> if fun.(x), do: {:halt, true}, else: {:cont, false} end)
  end

  @doc """
  Returns `true` if every element of the enumerable is truthy (`true` for an empty one).
  """
  def all?(list) when is_list(list), do: all_list(list, fn x -> x end)
  def all?(enumerable), do: all?(enumerable, fn x -> x end)

  @doc """
  Returns `true` if `fun` returns a truthy value for every element; stops at the first falsy one.

      iex> Enum.all?([2, 4], fn x -> rem(x, 2) == 0 end)
      true
  """
  def all?(list, fun) when is_list(list), do: all_list(list, fun)

  def all?(enumerable, fun) do
    iterate(enumerable, true, fn x, _ -> if fun.(x), do: {:cont, true}, else: {:halt, false} end)
  end

  @doc """
  Returns `true` if the enumerable has no elements.
  """
  def empty?(list) when is_list(list), do: list == []
  def empty?(enumerable), do: iterate(enumerable, true, fn _, _ -> {:halt, false} end)

  @doc """
  Returns the first element for which `fun` is truthy, or `default` when there is none.

      iex> Enum.find([1, 2, 3], &(&1 > 1))
      2
  """
  def find(enumerable, default \\ nil, fun)

  def find(list, default, fun) when is_list(list), do: find_list(list, default, fun)

  def find(enumerable, default, fun) do
    iterate(enumerable, default, fn x, acc -> if fun.(x), do: {:halt, x}, else: {:cont, acc} end)
  end

  @doc """
  Returns the first truthy value returned by `fun`, or `default`.

      iex> Enum.find_value([1, 2, 3], fn x -> x > 1 && x * 10 end)
      20
  """
  def find_value(enumerable, default \\ nil, fun) do
    iterate(enumerable, default, fn x, acc ->
      v = fun.(x)
      if v, do: {:halt, v}, else: {:cont, acc}
    end)
  end

  @doc """
  Returns the zero-based index of the first element for which `fun` is truthy, or `nil`.
  """
  def find_index(enumerable, fun) do
    result =
      iterate(enumerable, 0, fn x, i ->
        if fun.(x), do: {:halt, {:found, i}}, else: {:cont, i + 1}
      end)

    case result do
      {:found, i} -> i
      _ -> nil
    end
  end

  @doc """
  Returns the element at the zero-based `index` (negative counts from the end), or `default` when out of range.

      iex> Enum.at([:a, :b, :c], 1)
      :b
  """
  def at(enumerable, index, default \\ nil)
  def at(_enumerable, index, _default) when not is_integer(index),
    do: raise(FunctionClauseError, module: Enum, function: :at, arity: 3)

  def at(list, index, default) when is_list(list), do: :retort_enum.at(list, index, default)

  def at(%{__struct__: Range, first: first, step: step} = range, index, default) do
    size = Range.size(range)
    index = if index < 0, do: index + size, else: index
    if index >= 0 and index < size, do: first + index * step, else: default
  end

  def at(enumerable, index, default) when index >= 0 do
    result =
      iterate(enumerable, 0, fn x, i ->
        if i == index, do: {:halt, {:found, x}}, else: {:cont, i + 1}
      end)

    case result do
      {:found, x} -> x
      _ -> default
    end
  end

  def at(enumerable, index, default), do: :retort_enum.at(to_list(enumerable), index, default)

  @doc """
  Returns `{:ok, element}` for the zero-based `index`, or `:error` when out of range.
  """
  def fetch(enumerable, index) do
    case at(enumerable, index, {__MODULE__, :none}) do
      {__MODULE__, :none} -> :error
      x -> {:ok, x}
    end
  end

  @doc """
  Returns the element at the zero-based `index`; raises `Enum.OutOfBoundsError` when out of range.
  """
  def fetch!(enumerable, index) do
    case fetch(enumerable, index) do
      {:ok, x} -> x
      :error -> raise Enum.OutOfBoundsError
    end
  end

  # ---------------------------------------------------------------------------------------
  # Sorting

  @doc """
  Sorts the elements in term order (stable, merge sort).

      iex> Enum.sort([3, 1, 2])
      [1, 2, 3]
  """
  def sort(enumerable), do: sort_asc(to_list(enumerable))
  @doc """
  Sorts with `sorter`: a two-argument function returning `true` when its first argument goes first, `:asc`, `:desc`, or a module with `compare/2` (e.g. `Date`), optionally as `{:desc, Date}`.

      iex> Enum.sort([1, 3, 2], :desc)
      [3, 2, 1]
  """
  def sort(enumerable, :asc), do: sort_asc(to_list(enumerable))
  def sort(enumerable, :desc), do: :retort_enum.sort_desc(to_list(enumerable))
  def sort(enumerable, {:asc, module}), do: merge_sort(to_list(enumerable), fn a, b -> module.compare(a, b) != :gt end)
  def sort(enumerable, {:desc, module}), do: merge_sort(to_list(enumerable), fn a, b -> module.compare(a, b) != :lt end)
  def sort(enumerable, fun) when is_function(fun, 2), do: merge_sort(fold_list(enumerable), fun)
  def sort(enumerable, module) when is_atom(module), do: sort(enumerable, {:asc, module})

  # A long list is sorted in bounded native steps (`vm/src/bif/sort_steps.rs`): sorted runs
  # of 32768 elements, then rounds of pairwise merges, so other processes run while a list of
  # millions sorts, as they do beside the BEAM's `lists:sort/1`.
  defp sort_asc(list) when length(list) <= 65_536, do: :retort_enum.sort(list)
  defp sort_asc(list), do: sort_rounds(sort_runs(list, []), :asc)

  defp sort_runs([], runs), do: :lists.reverse(runs)

  defp sort_runs(list, runs) do
    {run, rest} = :retort_enum.sort_prefix(list, 32_768)
    sort_runs(rest, [run | runs])
  end

  # `runs` in input order, each ascending (`:asc`) or reversed (`:desc`); a merge round
  # turns one into the other.
  defp sort_rounds([run], :asc), do: run
  defp sort_rounds([run], :desc), do: reverse_steps(run, [])
  defp sort_rounds(runs, :asc), do: sort_rounds(merge_round(runs, :asc, []), :desc)
  defp sort_rounds(runs, :desc), do: sort_rounds(merge_round(runs, :desc, []), :asc)

  defp merge_round([a, b | more], order, out), do: merge_round(more, order, [merge_steps(a, b, [], order) | out])
  defp merge_round([a], _order, out), do: :lists.reverse([reverse_steps(a, []) | out])
  defp merge_round([], _order, out), do: :lists.reverse(out)

  defp merge_steps(a, b, acc, order) do
    case :retort_enum.merge_step(a, b, acc, 16_384, order) do
      {:done, acc} -> acc
      {:cont, a, b, acc} -> merge_steps(a, b, acc, order)
    end
  end

  defp reverse_steps(list, acc) do
    case :retort_enum.reverse_step(list, acc, 16_384) do
      {:done, acc} -> acc
      {:cont, list, acc} -> reverse_steps(list, acc)
    end
  end

  @doc """
  Sorts the elements by the values `mapper` gives them, in `sorter` order (`:asc` by default).

      iex> Enum.sort_by(["ccc", "a", "bb"], &String.length/1)
      ["a", "bb", "ccc"]
  """
  def sort_by(enumerable, mapper, sorter \\ :asc)

  def sort_by(enumerable, mapper, :asc) do
    pairs = map(enumerable, fn x -> {mapper.(x), x} end)
    for {_, x} <- :lists.keysort(1, pairs), do: x
  end

  def sort_by(enumerable, mapper, :desc) do
    pairs = map(enumerable, fn x -> {mapper.(x), x} end)
    for {_, x} <- :retort_enum.keysort_desc(pairs), do: x
  end

  def sort_by(enumerable, mapper, sorter) do
    fun =
      case sorter do
        :desc -> fn a, b -> a >= b end
        {:asc, module} -> fn a, b -> module.compare(a, b) != :gt end
        {:desc, module} -> fn a, b -> module.compare(a, b) != :lt end
        module when is_atom(module) -> fn a, b -> module.compare(a, b) != :gt end
        f -> f
      end

    pairs = map(enumerable, fn x -> {mapper.(x), x} end)
    for {_, x} <- merge_sort(pairs, fn {a, _}, {b, _} -> fun.(a, b) end), do: x
  end

  # Stable merge sort: `fun.(a, b)` truthy when a may come before b.
  defp merge_sort([], _fun), do: []
  defp merge_sort([x], _fun), do: [x]

  defp merge_sort(list, fun) do
    {l, r} = :lists.split(div(length(list), 2), list)
    merge(merge_sort(l, fun), merge_sort(r, fun), fun, [])
  end

  defp merge([a | ta] = l, [b | tb] = r, fun, acc) do
    if fun.(a, b), do: merge(ta, r, fun, [a | acc]), else: merge(l, tb, fun, [b | acc])
  end

  defp merge([], r, _fun, acc), do: :lists.reverse(acc, r)
  defp merge(l, [], _fun, acc), do: :lists.reverse(acc, l)

  # A long list is reversed in bounded steps, so other processes run meanwhile (see sort_asc/1).
  @doc """
  Returns the elements in reverse order.
  """
  def reverse(list) when is_list(list) and length(list) > 65_536, do: reverse_steps(list, [])
  def reverse(list) when is_list(list), do: :lists.reverse(list)
  def reverse(enumerable), do: :lists.reverse(fold_list(enumerable))
  @doc """
  Reverses the elements and appends `tail`.

      iex> Enum.reverse([1, 2], [3])
      [2, 1, 3]
  """
  def reverse(enumerable, tail), do: :lists.reverse(fold_list(enumerable), to_list(tail))

  # A long list is shuffled in bounded steps (`vm/src/bif/enum_steps.rs`): runs of 32768
  # elements shuffled each, then rounds of random merges, each taking from a side with
  # probability proportional to what is left on it (a uniform interleaving).
  @doc """
  Returns the elements in a random order.
  """
  def shuffle(enumerable) do
    case to_list(enumerable) do
      list when length(list) <= 65_536 -> :retort_enum.shuffle(list)
      list -> shuffle_rounds(shuffle_runs(list, [], :retort_enum.shuffle_seed()))
    end
  end

  defp shuffle_runs([], runs, seed), do: {runs, seed}

  defp shuffle_runs(list, runs, seed) do
    {run, n, rest, seed} = :retort_enum.shuffle_run(list, 32_768, seed)
    shuffle_runs(rest, [{run, n} | runs], seed)
  end

  defp shuffle_rounds({[{run, _}], _seed}), do: run
  defp shuffle_rounds({runs, seed}), do: shuffle_rounds(shuffle_round(runs, [], seed))

  defp shuffle_round([{a, na}, {b, nb} | more], out, seed) do
    {run, seed} = shuffle_merge(a, na, b, nb, [], seed)
    shuffle_round(more, [{run, na + nb} | out], seed)
  end

  defp shuffle_round([last], out, seed), do: {[last | out], seed}
  defp shuffle_round([], out, seed), do: {out, seed}

  defp shuffle_merge(a, na, b, nb, acc, seed) do
    case :retort_enum.shuffle_merge(a, na, b, nb, acc, seed, 16_384) do
      {:done, acc, seed} -> {acc, seed}
      {:cont, a, na, b, nb, acc, seed} -> shuffle_merge(a, na, b, nb, acc, seed)
    end
  end

  @doc """
  Returns one element chosen at random; raises `Enum.EmptyError` for an empty enumerable.
  """
  def random(%{__struct__: Range, first: first, step: step} = range) do
    case Range.size(range) do
      0 -> raise Enum.EmptyError
      size -> first + (:rand.uniform(size) - 1) * step
    end
  end

  def random(enumerable) do
    case shuffle(enumerable) do
      [] -> raise Enum.EmptyError
      [x | _] -> x
    end
  end

  # ---------------------------------------------------------------------------------------
  # Slicing

  @doc """
  Takes the first `amount` elements (the last `-amount` when negative).

      iex> Enum.take([1, 2, 3], 2)
      [1, 2]
  """
  def take(_enumerable, 0), do: []
  def take(_enumerable, n) when not is_integer(n), do: raise(FunctionClauseError, module: Enum, function: :take, arity: 2)
  def take(list, n) when is_list(list), do: :retort_enum.take(list, n)

  def take(enumerable, n) when n > 0 do
    {list, _} =
      iterate(enumerable, {[], n}, fn x, {acc, k} ->
        if k <= 1, do: {:halt, {[x | acc], 0}}, else: {:cont, {[x | acc], k - 1}}
      end)

    :lists.reverse(list)
  end

  def take(%{__struct__: Range, first: first, step: step} = range, n) do
    size = Range.size(range)
    k = Kernel.min(-n, size)
    range_slice(first, step, size - k, k, [])
  end

  def take(enumerable, n), do: :retort_enum.take(to_list(enumerable), n)

  # The elements `start .. start + amount - 1` (by index) of the range `first..//step`,
  # computed without building the range's list.
  defp range_slice(_first, _step, _start, 0, acc), do: acc

  defp range_slice(first, step, start, amount, acc),
    do: range_slice(first, step, start, amount - 1, [first + (start + amount - 1) * step | acc])

  @doc """
  Drops the first `n` elements (the last `-n` when `n` is negative).

      iex> Enum.drop([1, 2, 3], 1)
      [2, 3]
  """
  def drop(list, n) when is_list(list), do: :retort_enum.drop(list, n)
  def drop(enumerable, n), do: :retort_enum.drop(to_list(enumerable), n)

  @doc """
  Takes every `nth` element, starting with the first.
  """
  def take_every(enumerable, nth), do: :retort_enum.take_every(fold_list(enumerable), nth)

  @doc """
  Takes elements from the start while `fun` returns a truthy value.
  """
  def take_while(enumerable, fun) do
    iterate(enumerable, [], fn x, acc -> if fun.(x), do: {:cont, [x | acc]}, else: {:halt, acc} end)
    |> :lists.reverse()
  end

  @doc """
  Drops elements from the start while `fun` returns a truthy value.
  """
  def drop_while(enumerable, fun), do: drop_while_list(to_list(enumerable), fun)

  defp drop_while_list([h | t] = l, fun) do
    if fun.(h), do: drop_while_list(t, fun), else: l
  end

  defp drop_while_list([], _fun), do: []

  @doc """
  Splits the elements into two lists after the first `n` (before the last `-n` when negative).

      iex> Enum.split([1, 2, 3], 2)
      {[1, 2], [3]}
  """
  def split(enumerable, n), do: :retort_enum.split(to_list(enumerable), n)

  @doc """
  Splits the elements at the first one for which `fun` is falsy.
  """
  def split_while(enumerable, fun), do: split_while_list(to_list(enumerable), fun, [])

  defp split_while_list([h | t] = l, fun, acc) do
    if fun.(h), do: split_while_list(t, fun, [h | acc]), else: {:lists.reverse(acc), l}
  end

  defp split_while_list([], _fun, acc), do: {:lists.reverse(acc), []}

  @doc """
  Splits the elements into `{truthy, falsy}` by `fun`, keeping their order.

      iex> Enum.split_with([1, 2, 3, 4], &(rem(&1, 2) == 0))
      {[2, 4], [1, 3]}
  """
  def split_with(enumerable, fun) do
    {a, b} =
      reduce(enumerable, {[], []}, fn x, {a, b} ->
        if fun.(x), do: {[x | a], b}, else: {a, [x | b]}
      end)

    {:lists.reverse(a), :lists.reverse(b)}
  end

  @doc """
  Returns the elements at the positions of `index_range` (negative positions count from the end).

      iex> Enum.slice([1, 2, 3, 4], 1..2)
      [2, 3]
  """
  def slice(%{__struct__: Range, first: rfirst, step: rstep} = range, %{__struct__: Range, first: first, last: last, step: step}) do
    count = Range.size(range)
    step = if step == -1 and first > last, do: 1, else: step
    first = if first < 0, do: Kernel.max(first + count, 0), else: first
    last = if last < 0, do: last + count, else: last
    amount = Kernel.min(last - first + 1, count - first)

    if step > 0 and first < count and amount > 0 do
      range_slice(rfirst + first * rstep, rstep * step, 0, div(amount - 1, step) + 1, [])
    else
      []
    end
  end

  def slice(enumerable, %{__struct__: Range, first: first, last: last, step: step}) do
    list = to_list(enumerable)
    count = length(list)
    step = if step == -1 and first > last, do: 1, else: step
    first = if first < 0, do: Kernel.max(first + count, 0), else: first
    last = if last < 0, do: last + count, else: last
    amount = last - first + 1

    cond do
      step > 0 and first < count and amount > 0 ->
        :retort_enum.take_every(:retort_enum.slice(list, first, amount), step)

      true ->
        []
    end
  end

  @doc """
  Returns `amount` elements starting at the zero-based `start_index`.
  """
  def slice(%{__struct__: Range, first: first, step: step} = range, start, amount)
      when is_integer(start) and is_integer(amount) and amount >= 0 do
    size = Range.size(range)
    start = if start < 0, do: Kernel.max(start + size, 0), else: start
    if start < size, do: range_slice(first, step, start, Kernel.min(amount, size - start), []), else: []
  end

  def slice(enumerable, start, amount), do: :retort_enum.slice(to_list(enumerable), start, amount)

  @doc """
  Splits the enumerable into lists of `count` elements; the last one may be shorter.

      iex> Enum.chunk_every([1, 2, 3, 4, 5], 2)
      [[1, 2], [3, 4], [5]]
  """
  def chunk_every(enumerable, count), do: chunk_every(enumerable, count, count, [])

  @doc """
  Splits the enumerable into chunks of `count` elements, each starting `step` elements after the previous one. A last incomplete chunk is completed from `leftover`, or dropped when `leftover` is `:discard`.

      iex> Enum.chunk_every([1, 2, 3, 4], 3, 1, :discard)
      [[1, 2, 3], [2, 3, 4]]
  """
  def chunk_every(enumerable, count, step, leftover \\ [])
      when is_integer(count) and count > 0 and is_integer(step) and step > 0,
      do: :retort_enum.chunk_every(to_list(enumerable), count, step, leftover)

  @doc """
  Splits the enumerable into chunks of consecutive elements for which `fun` returns the same value.

      iex> Enum.chunk_by([1, 1, 2, 3, 3], & &1)
      [[1, 1], [2], [3, 3]]
  """
  def chunk_by(enumerable, fun) do
    case to_list(enumerable) do
      [] ->
        []

      [h | t] ->
        {chunks, cur, _} =
          reduce_list(t, {[], [h], fun.(h)}, fn x, {chunks, cur, key} ->
            k = fun.(x)
            if k === key, do: {chunks, [x | cur], key}, else: {[:lists.reverse(cur) | chunks], [x], k}
          end)

        :lists.reverse([:lists.reverse(cur) | chunks])
    end
  end

  @doc """
  Chunks the enumerable with an accumulator: `chunk_fun` returns `{:cont, chunk, acc}` to emit a chunk or `{:cont, acc}` to go on; `after_fun` turns the final accumulator into a last chunk (`{:cont, chunk, acc}`) or none (`{:cont, acc}`).
  """
  def chunk_while(enumerable, acc, chunk_fun, after_fun) do
    {chunks, acc} =
      reduce(enumerable, {[], acc}, fn x, {chunks, acc} ->
        case chunk_fun.(x, acc) do
          {:cont, chunk, acc} -> {[chunk | chunks], acc}
          {:cont, acc} -> {chunks, acc}
          {:halt, acc} -> {chunks, acc}
        end
      end)

    case after_fun.(acc) do
      {:cont, chunk, _} -> :lists.reverse([chunk | chunks])
      {:cont, _} -> :lists.reverse(chunks)
    end
  end

  # ---------------------------------------------------------------------------------------
  # Uniqueness

  # In bounded native steps (`vm/src/bif/enum_steps.rs`), as frequencies/1.
  @doc """
  Removes duplicate elements, keeping the first occurrence of each.

      iex> Enum.uniq([1, 2, 1, 3])
      [1, 2, 3]
  """
  def uniq(enumerable), do: uniq_steps(fold_list(enumerable), %{}, [])

  defp uniq_steps(list, seen, acc) do
    case :retort_enum.uniq_step(list, seen, acc, 4096) do
      {:done, acc} -> reverse(acc)
      {:cont, list, seen, acc} -> uniq_steps(list, seen, acc)
    end
  end

  @doc """
  Removes elements for which `fun` returns a value already seen.
  """
  def uniq_by(enumerable, fun) do
    {list, _} =
      reduce(enumerable, {[], %{}}, fn x, {acc, seen} ->
        k = fun.(x)
        if is_map_key(seen, k), do: {acc, seen}, else: {[x | acc], Map.put(seen, k, true)}
      end)

    :lists.reverse(list)
  end

  @doc """
  Removes consecutive duplicate elements.

      iex> Enum.dedup([1, 1, 2, 1])
      [1, 2, 1]
  """
  def dedup(enumerable), do: :retort_enum.dedup(fold_list(enumerable))

  @doc """
  Removes consecutive elements for which `fun` returns the same value as for the one before.
  """
  def dedup_by(enumerable, fun) do
    case fold_list(enumerable) do
      [] ->
        []

      [h | t] ->
        {acc, _} =
          reduce_list(t, {[h], fun.(h)}, fn x, {acc, k} ->
            kx = fun.(x)
            if kx === k, do: {acc, k}, else: {[x | acc], kx}
          end)

        :lists.reverse(acc)
    end
  end

  # ---------------------------------------------------------------------------------------
  # Combining

  @doc """
  Joins a list of enumerables into one list.

      iex> Enum.concat([[1], [2, 3], 4..5])
      [1, 2, 3, 4, 5]
  """
  def concat(enumerables), do: :retort_enum.concat(map(enumerables, &fold_list/1))
  @doc """
  Appends the enumerable `right` to the enumerable `left`, as a list.
  """
  def concat(left, right) when is_list(left) and is_list(right), do: left ++ right
  def concat(left, right), do: fold_list(left) ++ fold_list(right)

  @doc """
  Puts `sep` between each two elements.

      iex> Enum.intersperse([1, 2, 3], 0)
      [1, 0, 2, 0, 3]
  """
  def intersperse(enumerable, sep), do: :retort_enum.intersperse(fold_list(enumerable), sep)

  @doc """
  Converts each element to a string and joins them with `joiner` between.

      iex> Enum.join([1, 2, 3], ", ")
      "1, 2, 3"
  """
  def join(enumerable, joiner \\ ""), do: :retort_enum.join(fold_list(enumerable), joiner)

  @doc """
  Maps `mapper` over the elements and joins the results as strings, with `joiner` between.

      iex> Enum.map_join([1, 2], "-", &(&1 * 10))
      "10-20"
  """
  def map_join(enumerable, joiner \\ "", mapper), do: :retort_enum.join(map(enumerable, mapper), joiner)

  @doc """
  Zips corresponding elements of two enumerables into tuples, stopping at the shorter.

      iex> Enum.zip([1, 2, 3], [:a, :b])
      [{1, :a}, {2, :b}]
  """
  def zip(left, right) when is_list(left) and is_list(right), do: :retort_enum.zip(left, right)

  def zip(left, right) do
    if finite?(left) and finite?(right) do
      :retort_enum.zip(to_list(left), to_list(right))
    else
      zip([left, right])
    end
  end

  @doc """
  Zips corresponding elements of a list of enumerables into tuples, stopping at the shortest.
  """
  def zip([]), do: []

  def zip(enumerables) do
    if Enum.all?(enumerables, &finite?/1) do
      List.zip(map(enumerables, &to_list/1))
    else
      zip_pull(map(enumerables, &Stream.__pull__/1), [])
    end
  end

  defp zip_pull(thunks, acc) do
    step =
      reduce_list(thunks, {[], []}, fn
        _, :done ->
          :done

        th, {xs, nexts} ->
          case th.() do
            {x, next} -> {[x | xs], [next | nexts]}
            _ -> :done
          end
      end)

    case step do
      :done -> :lists.reverse(acc)
      {xs, nexts} -> zip_pull(:lists.reverse(nexts), [List.to_tuple(:lists.reverse(xs)) | acc])
    end
  end

  defp finite?(%{__struct__: Stream}), do: false
  # A range too long to become a list is pulled element by element, as Elixir zips it.
  defp finite?(%{__struct__: Range} = r), do: Range.size(r) <= 1_000_000
  defp finite?(f) when is_function(f), do: false
  defp finite?(_), do: true

  @doc """
  Zips two enumerables and calls `fun` with the two elements at each position.

      iex> Enum.zip_with([1, 2], [3, 4], &+/2)
      [4, 6]
  """
  def zip_with(left, right, fun), do: map(zip(left, right), fn {a, b} -> fun.(a, b) end)
  @doc """
  Zips a list of enumerables and calls `fun` with the list of elements at each position.
  """
  def zip_with(enumerables, fun), do: map(zip(enumerables), fn t -> fun.(Tuple.to_list(t)) end)

  @doc """
  Reduces over the zipped elements of a list of enumerables: `fun` gets the list of the elements at each position and the accumulator.
  """
  def zip_reduce(enums, acc, fun), do: reduce(zip(enums), acc, fn t, acc -> fun.(Tuple.to_list(t), acc) end)

  @doc """
  Reduces over two enumerables side by side: `fun` gets an element of each and the accumulator.
  """
  def zip_reduce(left, right, acc, fun) do
    reduce(zip(left, right), acc, fn {a, b}, acc -> fun.(a, b, acc) end)
  end

  @doc """
  Splits a list of two-element tuples into a tuple of two lists.

      iex> Enum.unzip([a: 1, b: 2])
      {[:a, :b], [1, 2]}
  """
  def unzip(enumerable), do: :retort_enum.unzip(fold_list(enumerable))

  @doc """
  Inserts the elements of the enumerable into a collectable (a list, map, MapSet, ...).

      iex> Enum.into([a: 1], %{})
      %{a: 1}
  """
  def into(enumerable, list) when is_list(list), do: list ++ to_list(enumerable)
  def into(enumerable, collectable), do: into(enumerable, collectable, fn x -> x end)

  @doc """
  Like `into/2`, transforming each element with `fun` first.
  """
  def into(enumerable, list, fun) when is_list(list), do: list ++ map(enumerable, fun)

  def into(enumerable, %{__struct__: MapSet} = set, fun) do
    MapSet.union(set, MapSet.new(map(enumerable, fun)))
  end

  def into(enumerable, map, fun) when is_map(map) and not is_map_key(map, :__struct__) do
    reduce(enumerable, map, fn x, acc ->
      {k, v} = fun.(x)
      Map.put(acc, k, v)
    end)
  end

  def into(enumerable, binary, fun) when is_binary(binary) do
    IO.iodata_to_binary([binary | map(enumerable, fun)])
  end

  def into(enumerable, other, fun) do
    {init, collector} = Collectable.into(other)
    acc = reduce(enumerable, init, fn x, acc -> collector.(acc, {:cont, fun.(x)}) end)
    collector.(acc, :done)
  end

  def sum_by(enumerable, fun), do: reduce(enumerable, 0, fn x, acc -> acc + fun.(x) end)

  # ---------------------------------------------------------------------------------------
  # Plain-list loops for the functions above: no `{:cont, acc}` tuples, no closure per call.

  defp each_list([h | t], fun) do
    fun.(h)
    each_list(t, fun)
  end

  defp each_list([], _fun), do: :ok

  defp count_list([h | t], fun, n) do
    if fun.(h), do: count_list(t, fun, n + 1), else: count_list(t, fun, n)
  end

  defp count_list([], _fun, n), do: n

  defp any_list([h | t], fun) do
    if fun.(h), do: true, else: any_list(t, fun)
  end

  defp any_list([], _fun), do: false

  defp all_list([h | t], fun) do
    if fun.(h), do: all_list(t, fun), else: false
  end

  defp all_list([], _fun), do: true

  defp find_list([h | t], default, fun) do
    if fun.(h), do: h, else: find_list(t, default, fun)
  end

  defp find_list([], default, _fun), do: default
end
