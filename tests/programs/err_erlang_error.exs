:erlang.error({:custom, 1})
