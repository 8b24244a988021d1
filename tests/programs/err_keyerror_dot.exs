defmodule Cfg do
  def port(cfg), do: cfg.port
end
IO.inspect(Cfg.port(%{port: 80}))
IO.inspect(Cfg.port(%{host: "h"}))
