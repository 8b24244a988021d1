defmodule App do
  alias __MODULE__.Repo
  alias __MODULE__.{Schema, Query}

  def run do
    {Repo.name(), Schema.name(), Query.name(), __MODULE__.Repo.name()}
  end

  defmodule Repo do
    def name, do: {:repo, __MODULE__}
  end

  defmodule Schema do
    def name, do: :schema
  end

  defmodule Query do
    alias App.Repo, as: R
    def name, do: {:query, R.name()}
  end
end

defmodule Other do
  alias App.Repo
  alias String, as: S
  alias :lists, as: L
  def run, do: {Repo.name(), S.upcase("x"), L.reverse([1, 2])}
end

IO.inspect(App.run())
IO.inspect(Other.run())
alias App.Schema
IO.inspect(Schema.name())
IO.inspect(App.Query.name())
