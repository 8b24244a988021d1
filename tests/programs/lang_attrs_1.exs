defmodule Cfg do
  @moduledoc "Holds constants."
  @default_port 4000
  @hosts ["a.example", "b.example"]
  @limits %{max: 10, min: 1}
  @pi 3.14159
  @name :config
  @tuple {1, :two, "three"}

  @doc "The port."
  def port, do: @default_port
  def hosts, do: @hosts
  def limit(k), do: @limits[k]
  def area(r), do: @pi * r * r
  def name, do: @name
  def tuple, do: @tuple
  def me, do: __MODULE__

  @default_port 5000
  def port2, do: @default_port

  @derived @default_port * 2
  def derived, do: @derived

  def guarded(x) when x > @default_port, do: :above
  def guarded(_), do: :below
  def matched(@name), do: :matched_name
  def matched(_), do: :nope
end

IO.inspect(Cfg.port())
IO.inspect(Cfg.hosts())
IO.inspect(Cfg.limit(:max))
IO.inspect(Cfg.limit(:other))
IO.inspect(Cfg.area(2))
IO.inspect(Cfg.name())
IO.inspect(Cfg.tuple())
IO.inspect(Cfg.me())
IO.inspect(Cfg.port2())
IO.inspect(Cfg.derived())
IO.inspect(Cfg.guarded(6000))
IO.inspect(Cfg.guarded(4500))
IO.inspect(Cfg.matched(:config))
IO.inspect(Cfg.matched(:x))
