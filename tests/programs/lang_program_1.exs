defmodule Calc.Lexer do
  @moduledoc "Tokenizes arithmetic expressions."
  @ops %{?+ => :plus, ?- => :minus, ?* => :times, ?/ => :div, ?( => :lparen, ?) => :rparen}

  def tokenize(str), do: str |> String.to_charlist() |> lex([])

  defp lex([], acc), do: Enum.reverse(acc)
  defp lex([c | rest], acc) when c in [?\s, ?\t], do: lex(rest, acc)
  defp lex([c | _] = chars, acc) when c in ?0..?9 do
    {digits, rest} = Enum.split_while(chars, &(&1 in ?0..?9))
    lex(rest, [{:num, List.to_integer(digits)} | acc])
  end
  defp lex([c | rest], acc) when is_map_key(@ops, c), do: lex(rest, [Map.fetch!(@ops, c) | acc])
  defp lex([c | _], _acc), do: throw({:bad_char, <<c::utf8>>})
end

defmodule Calc.Parser do
  # expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ; factor := num | '(' expr ')' | '-' factor
  def parse(tokens) do
    {ast, []} = expr(tokens)
    ast
  end

  defp expr(tokens) do
    {left, rest} = term(tokens)
    expr_rest(left, rest)
  end

  defp expr_rest(left, [op | rest]) when op in [:plus, :minus] do
    {right, rest} = term(rest)
    expr_rest({op, left, right}, rest)
  end
  defp expr_rest(left, rest), do: {left, rest}

  defp term(tokens) do
    {left, rest} = factor(tokens)
    term_rest(left, rest)
  end

  defp term_rest(left, [op | rest]) when op in [:times, :div] do
    {right, rest} = factor(rest)
    term_rest({op, left, right}, rest)
  end
  defp term_rest(left, rest), do: {left, rest}

  defp factor([{:num, n} | rest]), do: {n, rest}
  defp factor([:minus | rest]) do
    {f, rest} = factor(rest)
    {{:neg, f}, rest}
  end
  defp factor([:lparen | rest]) do
    {e, [:rparen | rest]} = expr(rest)
    {e, rest}
  end
end

defmodule Calc do
  alias Calc.{Lexer, Parser}

  def eval(n) when is_integer(n), do: n
  def eval({:neg, a}), do: -eval(a)
  def eval({:plus, a, b}), do: eval(a) + eval(b)
  def eval({:minus, a, b}), do: eval(a) - eval(b)
  def eval({:times, a, b}), do: eval(a) * eval(b)
  def eval({:div, a, b}) do
    case eval(b) do
      0 -> throw(:division_by_zero)
      d -> div(eval(a), d)
    end
  end

  def run(src) do
    try do
      ast = src |> Lexer.tokenize() |> Parser.parse()
      {:ok, ast, eval(ast)}
    rescue
      e in MatchError -> {:error, {:syntax, Exception.message(e) |> String.slice(0, 30)}}
    catch
      reason -> {:error, reason}
    end
  end
end

for src <- ["1 + 2 * 3", "(1 + 2) * 3", "-4 * (2 - 5)", "100 / 7 / 2", "2 * (3 + 4) * 5 - 1", "1 / 0", "2 $ 3", "99999999999 * 99999999999"] do
  IO.inspect(Calc.run(src), label: src)
end
