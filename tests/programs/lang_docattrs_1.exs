defmodule Shape do
  @moduledoc """
  A behaviour for shapes.
  """

  @typedoc "A number"
  @type num :: integer() | float()
  @callback area(term()) :: num()
  @callback name() :: String.t()
  @optional_callbacks name: 0
end

defmodule Square do
  @moduledoc "A square."
  @behaviour Shape

  @typep side :: number()
  @opaque t :: %__MODULE__{side: side()}
  @type color :: :red | :blue | {:rgb, 0..255, 0..255, 0..255}
  defstruct side: 1

  @doc """
  The area.

  ## Examples

      iex> Square.area(%Square{side: 2})
      4
  """
  @impl true
  @spec area(t()) :: number()
  def area(%Square{side: s}), do: s * s

  @impl Shape
  def name, do: "square"

  @doc false
  @spec helper(list(atom()), keyword()) :: {:ok, [atom()]} | :error
  def helper(l, _opts \\ []), do: {:ok, l}

  @spec private_thing(map()) :: map()
  defp private_thing(m), do: m
  def pub(m), do: private_thing(m)

  @deprecated "use area/1"
  def old_area(s), do: area(s)
  @since "1.0"
  @dialyzer {:nowarn_function, pub: 1}
  @compile {:inline, name: 0}
  def last, do: :last
end

defmodule Main do
  def run do
IO.inspect(Square.area(%Square{side: 3}))
IO.inspect(Square.name())
IO.inspect(Square.helper([:a]))
IO.inspect(Square.pub(%{k: 1}))
IO.inspect(Square.old_area(%Square{side: 2}))
IO.inspect(Square.last())
IO.inspect(Square.module_info(:attributes)[:behaviour])
  end
end

Main.run()
