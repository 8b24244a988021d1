ExUnit.start()

defmodule StringTest do
  use ExUnit.Case, async: true

  test "length, graphemes, codepoints" do
    assert String.length("héllo") == 5
    assert String.graphemes("abc") == ["a", "b", "c"]
    assert String.codepoints("hé") == ["h", "é"]
    assert String.reverse("abc") == "cba"
    assert String.first("hello") == "h"
    assert String.last("hello") == "o"
    assert String.at("hello", 1) == "e"
    assert String.at("hello", 10) == nil
  end

  test "case" do
    assert String.upcase("abc") == "ABC"
    assert String.downcase("ABC") == "abc"
    assert String.capitalize("hello world") == "Hello world"
  end

  test "split and trim" do
    assert String.split("a b  c") == ["a", "b", "c"]
    assert String.split("a,b,c", ",") == ["a", "b", "c"]
    assert String.split("a,b,c", ",", parts: 2) == ["a", "b,c"]
    assert String.split("a,,b", ",", trim: true) == ["a", "b"]
    assert String.split_at("hello", 2) == {"he", "llo"}
    assert String.trim("  hi  ") == "hi"
    assert String.trim_leading("  hi") == "hi"
    assert String.trim_trailing("hi  ") == "hi"
    assert String.trim("xxhixx", "x") == "hi"
  end

  test "search and replace" do
    assert String.contains?("hello", "ell")
    assert String.contains?("hello", ["z", "lo"])
    refute String.contains?("hello", "z")
    assert String.starts_with?("hello", "he")
    assert String.ends_with?("hello", "lo")
    assert String.replace("a-b-c", "-", "+") == "a+b+c"
    assert String.replace("a-b-c", "-", "+", global: false) == "a+b-c"
    assert String.replace("abc", ~r/b/, "X") == "aXc"
    assert "hello" =~ "ll"
    assert "hello" =~ ~r/^h.*o$/
  end

  test "slicing and padding" do
    assert String.slice("hello", 1, 3) == "ell"
    assert String.slice("hello", 1..2) == "el"
    assert String.pad_leading("7", 3, "0") == "007"
    assert String.pad_trailing("ab", 4) == "ab  "
    assert String.duplicate("ab", 3) == "ababab"
  end

  test "conversions" do
    assert String.to_integer("42") == 42
    assert String.to_integer("ff", 16) == 255
    assert String.to_float("1.5") == 1.5
    assert String.to_atom("ok") == :ok
    assert_raise ArgumentError, fn -> String.to_integer("x") end
  end
end
