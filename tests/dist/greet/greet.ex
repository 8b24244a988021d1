# A one-module release for tests/dist_interop.rs: `retort start` of it with --name NAME@HOST
# joins the BEAM's cluster, and the BEAM calls Greet.hello/1 through :rpc.
defmodule Greet do
  def hello(who), do: "hello #{who} from #{node()}"
end

defmodule Greet.App do
  use Application

  def start(_type, _args), do: Agent.start_link(fn -> 0 end, name: :greet_state)
end
