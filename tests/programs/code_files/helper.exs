defmodule Helper do
  def hi, do: "hi from helper"
end
IO.puts("helper top-level ran")
1 + 2
