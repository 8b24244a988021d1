defmodule Conf do
  def load(opts) do
    {:ok, port} = Keyword.fetch(opts, :port)
    port
  end
end
IO.inspect(Conf.load(port: 4000))
IO.inspect(Conf.load(host: "h"))
