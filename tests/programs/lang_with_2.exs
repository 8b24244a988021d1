defmodule Users do
  @users %{1 => %{name: "ann", role: :admin}, 2 => %{name: "bob", role: :user}}
  def fetch(id) do
    case Map.fetch(@users, id) do
      {:ok, u} -> {:ok, u}
      :error -> {:error, :not_found}
    end
  end

  def authorize(%{role: :admin} = u), do: {:ok, u}
  def authorize(_), do: {:error, :forbidden}

  def run(id) do
    with {:ok, user} <- fetch(id),
         {:ok, user} <- authorize(user) do
      "welcome #{user.name}"
    end
  end

  def run2(id) do
    with {:ok, user} <- fetch(id),
         {:ok, user} <- authorize(user) do
      "welcome #{user.name}"
    else
      {:error, :not_found} -> "who?"
      {:error, reason} -> "denied: #{reason}"
    end
  end

  def single(x) do
    with {:ok, v} <- x, do: v * 2
  end

  def with_else_guard(x) do
    with {:ok, v} when is_integer(v) <- x do
      v
    else
      {:ok, v} when is_binary(v) -> String.length(v)
      _ -> :nope
    end
  end
end

IO.inspect(Users.run(1))
IO.inspect(Users.run(2))
IO.inspect(Users.run(3))
IO.inspect(Users.run2(1))
IO.inspect(Users.run2(2))
IO.inspect(Users.run2(3))
IO.inspect(Users.single({:ok, 21}))
IO.inspect(Users.single(:error))
IO.inspect(Users.with_else_guard({:ok, 5}))
IO.inspect(Users.with_else_guard({:ok, "five"}))
IO.inspect(Users.with_else_guard(:x))
IO.inspect(with(x <- 1, y <- x + 1, do: {x, y}))
IO.inspect(with({:ok, a} <- {:ok, 1}, {:ok, b} <- {:ok, 2}, do: a + b))
