defmodule Report do
  def render(title, rows) do
    header = """
    == #{title} ==
    """

    body =
      rows
      |> Enum.map(fn {k, v} -> "  #{k}: #{v}" end)
      |> Enum.join("\n")

    header <> body <> "\n" <> footer()
  end

  defp footer do
    """
    --
    end of report
    """
  end

  def doc_example do
    ~S"""
    No #{interpolation} here
    and \n stays
    """
  end
end

IO.write(Report.render("Stats", [a: 1, b: 2]))
IO.write(Report.doc_example())
IO.inspect("""
  mixed
indentation
""")
IO.inspect("""
	tabbed
	""")
IO.inspect("""
  closing quote decides
    nested
  """)
IO.inspect("""
line with trailing spaces   
""")
IO.inspect("""
escapes: \t \\ \" \#{x}
""")
