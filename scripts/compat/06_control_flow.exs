# feature: Control flow: case, cond, if, unless
# case: case
IO.inspect(case {1, 2} do {1, x} -> x; _ -> :no end)
# case: cond
x = 7
IO.inspect(cond do x < 5 -> :small; x < 10 -> :medium; true -> :big end)
# case: if / unless / else
IO.inspect({if(true, do: 1, else: 2), unless(false, do: 3), if(nil, do: 4)})
# case: CaseClauseError
try do
  case 3 do 1 -> :one end
rescue
  e -> IO.inspect(e)
end
