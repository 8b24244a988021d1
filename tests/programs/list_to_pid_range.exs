r = try do
  :erlang.list_to_pid(~c"<0.2147483648.0>")
  :accepted
rescue
  e in ArgumentError -> {:refused, e.__struct__}
end
IO.inspect(r)
IO.inspect(:erlang.list_to_pid(~c"<0.5.0>"))
