defmodule NotFound do
  defexception [:resource, :id, message: "not found"]
  @impl true
  def message(%{resource: r, id: id}) when not is_nil(r), do: "#{r} #{inspect(id)} not found"
  def message(e), do: e.message
end
defmodule Timeout do
  defexception [:after_ms]
  @impl true
  def exception(opts) do
    ms = Keyword.get(opts, :after_ms, 5000)
    %Timeout{after_ms: ms}
  end
  @impl true
  def message(e), do: "timed out after #{e.after_ms}ms"
end
defmodule Plain do
  defexception message: "plain default"
end
attempts = [
  fn -> raise NotFound, resource: "user", id: 42 end,
  fn -> raise NotFound end,
  fn -> raise NotFound, message: "gone" end,
  fn -> raise Timeout end,
  fn -> raise Timeout, after_ms: 10 end,
  fn -> raise Plain end,
  fn -> raise Plain, "overridden" end,
  fn -> raise Plain.exception(message: "struct given") end
]
for f <- attempts do
  try do
    f.()
  rescue
    e in [NotFound, Timeout] ->
      IO.puts("known: " <> Exception.message(e))
      IO.inspect(e)
    e ->
      IO.puts("other #{inspect(e.__struct__)}: " <> Exception.message(e))
  end
end
IO.inspect(Exception.exception?(NotFound.exception([])))
IO.inspect(NotFound.exception(resource: "post", id: 1))
IO.puts(Exception.format_banner(:error, Timeout.exception(after_ms: 1)))
