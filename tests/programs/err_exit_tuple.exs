exit({:bad_state, %{count: 3}})
