defmodule InsufficientFunds do
  defexception [:balance, :amount]
  @impl true
  def message(e), do: "cannot withdraw #{e.amount}, balance is #{e.balance}"
end
defmodule Account do
  def withdraw(balance, amount) when amount <= balance, do: balance - amount
  def withdraw(balance, amount), do: raise(InsufficientFunds, balance: balance, amount: amount)
end
IO.inspect(Account.withdraw(100, 30))
IO.inspect(Account.withdraw(100, 300))
