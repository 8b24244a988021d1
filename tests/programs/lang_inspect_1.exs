# atoms
for a <- [:ok, :"foo bar", :"Elixir.Foo", Foo.Bar, :+, :-, :"9a", :a?, :b!, :"a-b", :"@x", :_, :_under, :nil, :true, :"", :"é", :Ok, :"ok?x", :==, :<>, :|>, :"&&", :., :..,  :"..//", :"\\\\", :"->", :%, :%{}, :{}, :"<<>>", :"[]", :^, :!, :@, :"a.b", :"A.B", :"Elixir"] do
  IO.puts(inspect(a))
end
