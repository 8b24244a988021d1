defmodule :queue do
  @moduledoc """
  Erlang's `queue` (OTP 25), written as OTP writes it: a queue is `{rear, front}`, two lists
  (the rear reversed), so `IO.inspect` of a queue prints what Elixir prints, and every
  operation moves elements between the lists exactly as OTP's does. Functions raise
  `:badarg` on a non-queue and `:empty` on an empty queue where OTP does.
  """

  def new, do: {[], []}

  def is_queue({r, f}) when is_list(r) and is_list(f), do: true
  def is_queue(_), do: false

  def is_empty({[], []}), do: true
  def is_empty({r, f}) when is_list(r) and is_list(f), do: false
  def is_empty(q), do: :erlang.error(:badarg, [q])

  def len({r, f}) when is_list(r) and is_list(f), do: length(r) + length(f)
  def len(q), do: :erlang.error(:badarg, [q])

  def to_list({r, f}) when is_list(r) and is_list(f), do: f ++ :lists.reverse(r, [])
  def to_list(q), do: :erlang.error(:badarg, [q])

  def from_list(l) when is_list(l), do: f2r(l)
  def from_list(l), do: :erlang.error(:badarg, [l])

  def member(x, {r, f}) when is_list(r) and is_list(f), do: :lists.member(x, r) or :lists.member(x, f)
  def member(x, q), do: :erlang.error(:badarg, [x, q])

  # `in/2` is native (`vm/src/bif/queue.rs`): `in` cannot be a function name in the language.

  def in_r(x, {[], [_] = f}), do: {f, [x]}
  def in_r(x, {r, f}) when is_list(r) and is_list(f), do: {r, [x | f]}
  def in_r(x, q), do: :erlang.error(:badarg, [x, q])

  def out({[], []} = q), do: {:empty, q}
  def out({[v], []}), do: {{:value, v}, {[], []}}

  def out({[y | r], []}) do
    [v | f] = :lists.reverse(r, [])
    {{:value, v}, {[y], f}}
  end

  def out({r, [v]}) when is_list(r), do: {{:value, v}, r2f(r)}
  def out({r, [v | f]}) when is_list(r), do: {{:value, v}, {r, f}}
  def out(q), do: :erlang.error(:badarg, [q])

  def out_r({[], []} = q), do: {:empty, q}
  def out_r({[], [v]}), do: {{:value, v}, {[], []}}

  def out_r({[], [y | f]}) do
    [v | r] = :lists.reverse(f, [])
    {{:value, v}, {r, [y]}}
  end

  def out_r({[v], f}) when is_list(f), do: {{:value, v}, f2r(f)}
  def out_r({[v | r], f}) when is_list(f), do: {{:value, v}, {r, f}}
  def out_r(q), do: :erlang.error(:badarg, [q])

  def get({[], []} = q), do: :erlang.error(:empty, [q])
  def get({r, f}) when is_list(r) and is_list(f), do: get(r, f)
  def get(q), do: :erlang.error(:badarg, [q])

  defp get(r, [h | _]) when is_list(r), do: h
  defp get([h], []), do: h
  defp get([_ | r], []), do: :lists.last(r)

  def get_r({[], []} = q), do: :erlang.error(:empty, [q])
  def get_r({[h | _], f}) when is_list(f), do: h
  def get_r({[], [h]}), do: h
  def get_r({[], [_ | f]}), do: :lists.last(f)
  def get_r(q), do: :erlang.error(:badarg, [q])

  def peek({[], []}), do: :empty
  def peek({r, [h | _]}) when is_list(r), do: {:value, h}
  def peek({[h], []}), do: {:value, h}
  def peek({[_ | r], []}), do: {:value, :lists.last(r)}
  def peek(q), do: :erlang.error(:badarg, [q])

  def peek_r({[], []}), do: :empty
  def peek_r({[h | _], f}) when is_list(f), do: {:value, h}
  def peek_r({[], [h]}), do: {:value, h}
  def peek_r({[], [_ | r]}), do: {:value, :lists.last(r)}
  def peek_r(q), do: :erlang.error(:badarg, [q])

  def drop({[], []} = q), do: :erlang.error(:empty, [q])
  def drop({[_], []}), do: {[], []}

  def drop({[y | r], []}) do
    [_ | f] = :lists.reverse(r, [])
    {[y], f}
  end

  def drop({r, [_]}) when is_list(r), do: r2f(r)
  def drop({r, [_ | f]}) when is_list(r), do: {r, f}
  def drop(q), do: :erlang.error(:badarg, [q])

  def drop_r({[], []} = q), do: :erlang.error(:empty, [q])
  def drop_r({[], [_]}), do: {[], []}

  def drop_r({[], [y | f]}) do
    [_ | r] = :lists.reverse(f, [])
    {r, [y]}
  end

  def drop_r({[_], f}) when is_list(f), do: f2r(f)
  def drop_r({[_ | r], f}) when is_list(f), do: {r, f}
  def drop_r(q), do: :erlang.error(:badarg, [q])

  def reverse({r, f}) when is_list(r) and is_list(f), do: {f, r}
  def reverse(q), do: :erlang.error(:badarg, [q])

  def join({r, f} = q, {[], []}) when is_list(r) and is_list(f), do: q
  def join({[], []}, {r, f} = q) when is_list(r) and is_list(f), do: q

  def join({r1, f1}, {r2, f2}) when is_list(r1) and is_list(f1) and is_list(r2) and is_list(f2) do
    {r2, f1 ++ :lists.reverse(r1, f2)}
  end

  def join(q1, q2), do: :erlang.error(:badarg, [q1, q2])

  def split(0, {r, f} = q) when is_list(r) and is_list(f), do: {{[], []}, q}

  def split(n, {r, f} = q) when is_integer(n) and n >= 1 and is_list(r) and is_list(f) do
    lf = length(f)

    cond do
      n < lf ->
        [x | f1] = f
        split_f1_to_r2(n - 1, r, f1, [], [x])

      n > lf ->
        m = length(r) - (n - lf)

        cond do
          m < 0 ->
            :erlang.error(:badarg, [n, q])

          m > 0 ->
            [x | r1] = r
            split_r1_to_f2(m - 1, r1, f, [x], [])

          true ->
            {q, {[], []}}
        end

      true ->
        {f2r(f), r2f(r)}
    end
  end

  def split(n, q), do: :erlang.error(:badarg, [n, q])

  defp split_f1_to_r2(0, r1, f1, r2, f2), do: {{r2, f2}, {r1, f1}}
  defp split_f1_to_r2(n, r1, [x | f1], r2, f2), do: split_f1_to_r2(n - 1, r1, f1, [x | r2], f2)

  defp split_r1_to_f2(0, r1, f1, r2, f2), do: {{r1, f1}, {r2, f2}}
  defp split_r1_to_f2(n, [x | r1], f1, r2, f2), do: split_r1_to_f2(n - 1, r1, f1, r2, [x | f2])

  def filter(fun, {r0, f0}) when is_function(fun, 1) and is_list(r0) and is_list(f0) do
    f = filter_f(fun, f0)
    r = filter_r(fun, r0)

    rebalance(r, f)
  end

  def filter(fun, q), do: :erlang.error(:badarg, [fun, q])

  defp filter_f(_fun, []), do: []

  defp filter_f(fun, [x | f]) do
    case fun.(x) do
      true -> [x | filter_f(fun, f)]
      false -> filter_f(fun, f)
      l when is_list(l) -> l ++ filter_f(fun, f)
    end
  end

  defp filter_r(_fun, []), do: []

  defp filter_r(fun, [x | r0]) do
    r = filter_r(fun, r0)

    case fun.(x) do
      true -> [x | r]
      false -> r
      l when is_list(l) -> :lists.reverse(l, r)
    end
  end

  def filtermap(fun, {r0, f0}) when is_function(fun, 1) and is_list(r0) and is_list(f0) do
    f = filtermap_f(fun, f0)
    r = filtermap_r(fun, r0)

    rebalance(r, f)
  end

  def filtermap(fun, q), do: :erlang.error(:badarg, [fun, q])

  defp filtermap_f(_fun, []), do: []

  defp filtermap_f(fun, [x | f]) do
    case fun.(x) do
      true -> [x | filtermap_f(fun, f)]
      {true, y} -> [y | filtermap_f(fun, f)]
      false -> filtermap_f(fun, f)
    end
  end

  defp filtermap_r(_fun, []), do: []

  defp filtermap_r(fun, [x | r0]) do
    r = filtermap_r(fun, r0)

    case fun.(x) do
      true -> [x | r]
      {true, y} -> [y | r]
      false -> r
    end
  end

  def fold(fun, acc0, {r, f}) when is_function(fun, 2) and is_list(r) and is_list(f) do
    acc1 = :lists.foldl(fun, acc0, f)
    :lists.foldr(fun, acc1, r)
  end

  def fold(fun, acc0, q), do: :erlang.error(:badarg, [fun, acc0, q])

  def any(pred, {r, f}) when is_function(pred, 1) and is_list(r) and is_list(f) do
    :lists.any(pred, f) or :lists.any(pred, r)
  end

  def any(pred, q), do: :erlang.error(:badarg, [pred, q])

  def all(pred, {r, f}) when is_function(pred, 1) and is_list(r) and is_list(f) do
    :lists.all(pred, f) and :lists.all(pred, r)
  end

  def all(pred, q), do: :erlang.error(:badarg, [pred, q])

  def delete(item, {r0, f0} = q) when is_list(r0) and is_list(f0) do
    delete_with_pred(fn x -> x === item end, q)
  end

  def delete(item, q), do: :erlang.error(:badarg, [item, q])

  def delete_r(item, {r0, f0}) when is_list(r0) and is_list(f0) do
    {f1, r1} = delete(item, {f0, r0})
    {r1, f1}
  end

  def delete_r(item, q), do: :erlang.error(:badarg, [item, q])

  def delete_with(pred, {r0, f0} = q) when is_function(pred, 1) and is_list(r0) and is_list(f0) do
    delete_with_pred(pred, q)
  end

  def delete_with(pred, q), do: :erlang.error(:badarg, [pred, q])

  def delete_with_r(pred, {r0, f0}) when is_function(pred, 1) and is_list(r0) and is_list(f0) do
    {f1, r1} = delete_with(pred, {f0, r0})
    {r1, f1}
  end

  def delete_with_r(pred, q), do: :erlang.error(:badarg, [pred, q])

  defp delete_with_pred(pred, {r0, f0} = q) do
    case delete_front(pred, f0) do
      false ->
        case delete_rear(pred, r0) do
          false -> q
          [] -> f2r(f0)
          r1 -> {r1, f0}
        end

      [] ->
        r2f(r0)

      f1 ->
        {r0, f1}
    end
  end

  defp delete_front(pred, [x | rest]) do
    if pred.(x) do
      rest
    else
      case delete_front(pred, rest) do
        false -> false
        f -> [x | f]
      end
    end
  end

  defp delete_front(_pred, []), do: false

  defp delete_rear(pred, [x | rest]) do
    case delete_rear(pred, rest) do
      false -> if pred.(x), do: rest, else: false
      r -> [x | r]
    end
  end

  defp delete_rear(_pred, []), do: false

  # Okasaki's names
  def cons(x, q), do: in_r(x, q)
  def head({[], []} = q), do: :erlang.error(:empty, [q])
  def head({r, f}) when is_list(r) and is_list(f), do: get(r, f)
  def head(q), do: :erlang.error(:badarg, [q])
  def tail(q), do: drop(q)
  def snoc(q, x), do: :queue.in(x, q)
  def daeh(q), do: get_r(q)
  def last(q), do: get_r(q)
  def liat(q), do: drop_r(q)
  def lait(q), do: drop_r(q)
  def init(q), do: drop_r(q)

  # Moves half of the rear list to the front, when there are at least three.
  defp r2f([]), do: {[], []}
  defp r2f([_] = r), do: {[], r}
  defp r2f([y, x]), do: {[y], [x]}

  defp r2f(list) do
    {rr, ff} = :lists.split(div(length(list), 2), list)
    {rr, :lists.reverse(ff, [])}
  end

  # Moves half of the front list to the rear, when there are enough.
  defp f2r([]), do: {[], []}
  defp f2r([_] = f), do: {f, []}
  defp f2r([x, y]), do: {[y], [x]}

  defp f2r(list) do
    {ff, rr} = :lists.split(div(length(list), 2), list)
    {:lists.reverse(rr, []), ff}
  end

  # A queue from its two lists, moving elements over when one side is empty.
  defp rebalance([], f), do: f2r(f)
  defp rebalance(r, []), do: r2f(r)
  defp rebalance(r, f), do: {r, f}
end
