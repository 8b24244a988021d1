# feature: `use`
# case: use GenServer
defmodule Counter do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:get, _from, n), do: {:reply, n, n}
  def handle_cast(:inc, n), do: {:noreply, n + 1}
end
{:ok, pid} = GenServer.start_link(Counter, 1)
GenServer.cast(pid, :inc)
IO.inspect(GenServer.call(pid, :get))
# case: use with a user __using__
defmodule MyBase do
  defmacro __using__(_opts) do
    quote do
      def hello, do: :hello
    end
  end
end
defmodule User do
  use MyBase
end
IO.inspect(User.hello())
