defmodule H do
  def text do
    """
    First line
      indented line
    Last line
    """
  end

  def interp(name) do
    """
    Hello #{name}!
    Sum: #{1 + 2}
    """
  end
end

IO.write(H.text())
IO.inspect(H.text())
IO.write(H.interp("world"))
s = """
  two-space indent
    four
  back
  """
IO.inspect(s)
t = """
no trailing newline \
joined
"""
IO.inspect(t)
u = """
with "quotes" and 'single' and \t tab
"""
IO.inspect(u)
v = '''
charlist heredoc
'''
IO.inspect(v)
w = """

blank first
"""
IO.inspect(w)
IO.inspect(String.split(H.text(), "\n"))
