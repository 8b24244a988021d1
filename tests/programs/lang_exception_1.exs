defmodule MyError do
  defexception message: "my default message"
end

defmodule NotFound do
  defexception [:name, :kind]

  @impl true
  def message(%{name: name, kind: kind}), do: "#{kind} #{inspect(name)} not found"
end

defmodule Validation do
  defexception [:field, message: "invalid"]

  def exception(opts) do
    field = Keyword.fetch!(opts, :field)
    %Validation{field: field, message: "field #{field} is invalid"}
  end
end

defmodule Main do
  def run do
    try do
      raise MyError
    rescue
      e -> IO.inspect({e.__struct__, e.message})
    end

    try do
      raise MyError, message: "custom"
    rescue
      e in MyError -> IO.puts(Exception.message(e))
    end

    try do
      raise MyError, "positional"
    rescue
      e -> IO.puts(e.message)
    end

    try do
      raise NotFound, name: "bob", kind: :user
    rescue
      e in NotFound ->
        IO.puts(Exception.message(e))
        IO.inspect(e.name)
    end

    try do
      raise Validation, field: :email
    rescue
      e -> IO.inspect(e)
    end

    e = %NotFound{name: :x, kind: "thing"}
    IO.inspect(Exception.message(e))
    IO.inspect(is_exception(e))
    IO.inspect(is_exception(e, NotFound))
    IO.inspect(is_exception(%{}))
    IO.inspect(MyError.exception(message: "direct"))
    IO.inspect(%MyError{})
    r = try do
      raise %MyError{message: "struct raised"}
    rescue
      e -> e.message
    end
    IO.inspect(r)
  end
end

Main.run()
