defmodule Registry3 do
  Module.register_attribute(__MODULE__, :handler, accumulate: true)

  @handler {:created, :on_create}
  def on_create(x), do: {:created, x}

  @handler {:deleted, :on_delete}
  def on_delete(x), do: {:deleted, x}

  @handlers Map.new(@handler)
  @computed Enum.sum([1, 2, 3]) * 10
  @greeting String.upcase("hi") <> "!"
  @version "1.2"
  @full_version @version <> ".3"
  @list [1, 2, 3] ++ [4]
  @nested %{list: @list, v: @version}

  def dispatch(event, x) do
    case Map.fetch(@handlers, event) do
      {:ok, fun} -> apply(__MODULE__, fun, [x])
      :error -> :unhandled
    end
  end

  def info, do: {@computed, @greeting, @full_version, @list, @nested}
  def handlers, do: @handler
  def is_version(@version), do: true
  def is_version(_), do: false
  def attr_in_guard(x) when x == @full_version, do: :full
  def attr_in_guard(_), do: :other
end

IO.inspect(Registry3.dispatch(:created, 1))
IO.inspect(Registry3.dispatch(:deleted, 2))
IO.inspect(Registry3.dispatch(:other, 3))
IO.inspect(Registry3.info())
IO.inspect(Registry3.handlers())
IO.inspect({Registry3.is_version("1.2"), Registry3.is_version("1.3")})
IO.inspect({Registry3.attr_in_guard("1.2.3"), Registry3.attr_in_guard("x")})
