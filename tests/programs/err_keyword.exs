opts = [size: 3, color: :red]
IO.inspect(Keyword.fetch!(opts, :size))
IO.inspect(Keyword.fetch!(opts, :shape))
