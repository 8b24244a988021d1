IO.inspect(~D[2015-13-01])
