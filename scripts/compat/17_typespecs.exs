# feature: Typespecs (accepted and ignored, as at run time in Elixir)
# case: spec, type, typep, opaque
defmodule T do
  @type t :: %{required(:a) => integer, optional(atom) => any}
  @typep p :: [{atom, non_neg_integer}] | nil
  @opaque o :: {term, term}
  @spec f(t, (any -> any)) :: :ok | {:error, String.t()}
  def f(_m, _fun), do: :ok
  @spec g(p) :: p when p: list
  def g(x), do: x
end
IO.inspect(T.f(%{}, & &1))
