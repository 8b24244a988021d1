defmodule Access do
  @moduledoc "Key-based access to maps, keyword lists and structs (`data[key]`, `get_in/2` ...)."

  def get(container, key, default \\ nil)
  def get(%{__struct__: _} = s, key, default), do: Map.get(s, key, default)
  def get(map, key, default) when is_map(map), do: Map.get(map, key, default)

  def get(list, key, default) when is_list(list) and is_atom(key) do
    case :lists.keyfind(key, 1, list) do
      {_, v} -> v
      false -> default
    end
  end

  def get(list, key, _default) when is_list(list) do
    raise ArgumentError,
          "the Access calls for keywords expect the key to be an atom, got: " <> inspect(key)
  end

  def get(nil, _key, default), do: default

  def get(other, key, _default) do
    raise ArgumentError,
          "the Access module does not support accessing #{inspect(key)} on #{inspect(other)}"
  end

  def fetch(map, key) when is_map(map), do: Map.fetch(map, key)

  def fetch(list, key) when is_list(list) do
    case :lists.keyfind(key, 1, list) do
      {_, v} -> {:ok, v}
      false -> :error
    end
  end

  def fetch(nil, _key), do: :error

  def fetch!(container, key) do
    case fetch(container, key) do
      {:ok, v} -> v
      :error -> raise KeyError, key: key, term: container
    end
  end

  def get_and_update(map, key, fun) when is_map(map), do: Map.get_and_update(map, key, fun)

  def get_and_update(list, key, fun) when is_list(list) do
    current = get(list, key)

    case fun.(current) do
      {get, update} -> {get, Keyword.put(list, key, update)}
      :pop -> {current, Keyword.delete(list, key)}
    end
  end

  def get_and_update(nil, key, fun) do
    case fun.(nil) do
      {get, update} -> {get, %{key => update}}
      :pop -> {nil, nil}
    end
  end

  def pop(map, key) when is_map(map), do: Map.pop(map, key)
  def pop(list, key) when is_list(list), do: Keyword.pop(list, key)
  def pop(nil, _key), do: {nil, nil}

  def key(key, default \\ nil) do
    fn
      :get, data, next -> next.(Map.get(data, key, default))
      :get_and_update, data, next ->
        value = Map.get(data, key, default)

        case next.(value) do
          {get, update} -> {get, Map.put(data, key, update)}
          :pop -> {value, Map.delete(data, key)}
        end
    end
  end

  def key!(key) do
    fn
      :get, data, next -> next.(Map.fetch!(data, key))
      :get_and_update, data, next ->
        value = Map.fetch!(data, key)

        case next.(value) do
          {get, update} -> {get, Map.put(data, key, update)}
          :pop -> {value, Map.delete(data, key)}
        end
    end
  end

  def elem(index) do
    pos = index + 1

    fn
      :get, data, next -> next.(:erlang.element(pos, data))
      :get_and_update, data, next ->
        value = :erlang.element(pos, data)

        case next.(value) do
          {get, update} -> {get, :erlang.setelement(pos, data, update)}
          :pop -> raise "cannot pop data from a tuple"
        end
    end
  end

  def all do
    fn
      :get, data, next -> Enum.map(data, next)
      :get_and_update, data, next ->
        {gets, updates} =
          Enum.reduce(data, {[], []}, fn x, {gets, updates} ->
            case next.(x) do
              {get, update} -> {[get | gets], [update | updates]}
              :pop -> {[x | gets], updates}
            end
          end)

        {:lists.reverse(gets), :lists.reverse(updates)}
    end
  end

  def at(index) do
    fn
      :get, data, next -> next.(Enum.at(data, index))
      :get_and_update, data, next ->
        value = Enum.at(data, index)

        case next.(value) do
          {get, update} -> {get, List.replace_at(data, index, update)}
          :pop -> {value, List.delete_at(data, index)}
        end
    end
  end

  def filter(fun) do
    fn
      :get, data, next -> data |> Enum.filter(fun) |> Enum.map(next)
      :get_and_update, data, next ->
        {gets, updates} =
          Enum.reduce(data, {[], []}, fn x, {gets, updates} ->
            if fun.(x) do
              case next.(x) do
                {get, update} -> {[get | gets], [update | updates]}
                :pop -> {[x | gets], updates}
              end
            else
              {gets, [x | updates]}
            end
          end)

        {:lists.reverse(gets), :lists.reverse(updates)}
    end
  end
end
