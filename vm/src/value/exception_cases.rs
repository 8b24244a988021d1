// Generated with Elixir 1.14 (see the script at the end of exception_tests.rs).
// (label, reason, stacktrace, banner(:error), message(normalize), inspect(normalize), format_stacktrace)
pub(super) const ERROR_CASES: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    (r#"badmatch"#, "g2gCZAAIYmFkbWF0Y2hhAQ==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (MatchError) no match of right hand side value: 1"#, r#"no match of right hand side value: 1"#, r#"%MatchError{term: 1}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badmatch tuple"#, "g2gCZAAIYmFkbWF0Y2hoAmQABWVycm9yZAAGZW5vZW50", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (MatchError) no match of right hand side value: {:error, :enoent}"#, r#"no match of right hand side value: {:error, :enoent}"#, r#"%MatchError{term: {:error, :enoent}}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"stack special"#, "g2QAA2Zvbw==", "g2wAAAAEaARkAA5FbGl4aXIuRm9vLkJhemQACl9fTU9EVUxFX19hAGwAAAACaAJkAARmaWxlawAKbGliL2Jhei5leGgCZAAEbGluZWEBamgEZAAKRWxpeGlyLkZvb2QACl9fTU9EVUxFX19hAWwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEBamgEZAAKRWxpeGlyLkZvb2QACF9fRklMRV9fYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhAmpoBGQACkVsaXhpci5Gb29kAAp3ZWlyZCBuYW1lYQFsAAAAAWgCZAAEZmlsZWsACmxpYi9mb28uZXhqag==", r#"** (ErlangError) Erlang error: :foo"#, r#"Erlang error: :foo"#, r#"%ErlangError{original: :foo, reason: nil}"#, r#"    lib/baz.ex:1: Foo.Baz (module)
    lib/foo.ex:1: (module)
    lib/foo.ex:2: (file)
    lib/foo.ex: Foo."weird name"/1
"#),
    (r#"case_clause"#, "g2gCZAALY2FzZV9jbGF1c2VkAAF4", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (CaseClauseError) no case clause matching: :x"#, r#"no case clause matching: :x"#, r#"%CaseClauseError{term: :x}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badarith"#, "g2QACGJhZGFyaXRo", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (ArithmeticError) bad argument in arithmetic expression"#, r#"bad argument in arithmetic expression"#, r#"%ArithmeticError{message: "bad argument in arithmetic expression"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badarg"#, "g2QABmJhZGFyZw==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (ArgumentError) argument error"#, r#"argument error"#, r#"%ArgumentError{message: "argument error"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badarg payload"#, "g2gCZAAGYmFkYXJnZAADZm9v", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (ArgumentError) argument error: :foo"#, r#"argument error: :foo"#, r#"%ArgumentError{message: "argument error: :foo"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badkey3"#, "g2gDZAAGYmFka2V5ZAABYXQAAAABZAABYmEB", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (KeyError) key :a not found in: %{b: 1}"#, r#"key :a not found in: %{b: 1}"#, r#"%KeyError{key: :a, term: %{b: 1}, message: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badkey3 nonmap"#, "g2gDZAAGYmFka2V5ZAABYWsAAQE=", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (KeyError) key :a not found in: [1]. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map"#, r#"key :a not found in: [1]. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map"#, r#"%KeyError{key: :a, term: [1], message: "key :a not found in: [1]. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badkey2"#, "g2gCZAAGYmFka2V5ZAABYQ==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (KeyError) key :a not found"#, r#"key :a not found"#, r#"%KeyError{key: :a, term: nil, message: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badkey2 update!"#, "g2gCZAAGYmFka2V5ZAABYg==", "g2wAAAABaARkAApFbGl4aXIuTWFwZAAHdXBkYXRlIWwAAAADdAAAAAFkAAFhYQFkAAFiZAABZmpqag==", r#"** (KeyError) key :b not found in: %{a: 1}"#, r#"key :b not found in: %{a: 1}"#, r#"%KeyError{key: :b, term: %{a: 1}, message: nil}"#, r#"    (elixir 1.14.0) Map.update!(%{a: 1}, :b, :f)
"#),
    (r#"badkey2 maps.get"#, "g2gCZAAGYmFka2V5ZAABaw==", "g2wAAAABaARkAARtYXBzZAADZ2V0bAAAAAJkAAFrdAAAAAFkAAF4YQFqamo=", r#"** (KeyError) key :k not found in: %{x: 1}"#, r#"key :k not found in: %{x: 1}"#, r#"%KeyError{key: :k, term: %{x: 1}, message: nil}"#, r#"    (stdlib 4.2) :maps.get(:k, %{x: 1})
"#),
    (r#"badmap"#, "g2gCZAAGYmFkbWFwYQE=", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (BadMapError) expected a map, got: 1"#, r#"expected a map, got: 1"#, r#"%BadMapError{term: 1}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badfun"#, "g2gCZAAGYmFkZnVuYQE=", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (BadFunctionError) expected a function, got: 1"#, r#"expected a function, got: 1"#, r#"%BadFunctionError{term: 1}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"function_clause"#, "g2QAD2Z1bmN0aW9uX2NsYXVzZQ==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (FunctionClauseError) no function clause matching in Foo.bar/1"#, r#"no function clause matching in Foo.bar/1"#, r#"%FunctionClauseError{module: Foo, function: :bar, arity: 1, kind: nil, args: nil, clauses: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"function_clause args"#, "g2QAD2Z1bmN0aW9uX2NsYXVzZQ==", "g2wAAAABaARkAApFbGl4aXIuRm9vZAADYmFybAAAAAJhAWQAAXhqbAAAAAJoAmQABGZpbGVrAApsaWIvZm9vLmV4aAJkAARsaW5lYQxqag==", r#"** (FunctionClauseError) no function clause matching in Foo.bar/2"#, r#"no function clause matching in Foo.bar/2"#, r#"%FunctionClauseError{module: Foo, function: :bar, arity: 2, kind: nil, args: nil, clauses: nil}"#, r#"    lib/foo.ex:12: Foo.bar(1, :x)
"#),
    (r#"function_clause empty"#, "g2QAD2Z1bmN0aW9uX2NsYXVzZQ==", "g2o=", r#"** (FunctionClauseError) no function clause matches"#, r#"no function clause matches"#, r#"%FunctionClauseError{module: nil, function: nil, arity: nil, kind: nil, args: nil, clauses: nil}"#, r#"
"#),
    (r#"undef"#, "g2QABXVuZGVm", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (UndefinedFunctionError) function Foo.bar/1 is undefined (module Foo is not available)"#, r#"function Foo.bar/1 is undefined (module Foo is not available)"#, r#"%UndefinedFunctionError{module: Foo, function: :bar, arity: 1, reason: nil, message: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"undef loaded"#, "g2QABXVuZGVm", "g2wAAAADaARkAApFbGl4aXIuQmFyZAAEbm9wZWECamgEZAAKRWxpeGlyLkZvb2QADS1ydW4vMC1mdW4tMC1hAWwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEHamgEZAAHZm9vX21vZGQAAmdvYQBsAAAAAmgCZAAEZmlsZW0AAAAPc3JjL2Zvb19tb2QuZXJsaAJkAARsaW5lYQBqag==", r#"** (UndefinedFunctionError) function Bar.nope/2 is undefined or private"#, r#"function Bar.nope/2 is undefined or private"#, r#"%UndefinedFunctionError{module: Bar, function: :nope, arity: 2, reason: nil, message: nil}"#, r#"    Bar.nope/2
    lib/foo.ex:7: anonymous fn/1 in Foo.run/0
    src/foo_mod.erl: :foo_mod.go/0
"#),
    (r#"undef args"#, "g2QABXVuZGVm", "g2wAAAABaARkAApFbGl4aXIuRm9vZAADYmFybAAAAAJhAWQAAXhqbAAAAAJoAmQABGZpbGVrAApsaWIvZm9vLmV4aAJkAARsaW5lYQxqag==", r#"** (UndefinedFunctionError) function Foo.bar/2 is undefined (module Foo is not available)"#, r#"function Foo.bar/2 is undefined (module Foo is not available)"#, r#"%UndefinedFunctionError{module: Foo, function: :bar, arity: 2, reason: nil, message: nil}"#, r#"    lib/foo.ex:12: Foo.bar(1, :x)
"#),
    (r#"undef empty"#, "g2QABXVuZGVm", "g2o=", r#"** (UndefinedFunctionError) undefined function"#, r#"undefined function"#, r#"%UndefinedFunctionError{module: nil, function: nil, arity: nil, reason: nil, message: nil}"#, r#"
"#),
    (r#"try_clause"#, "g2gCZAAKdHJ5X2NsYXVzZWsAAgEC", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (TryClauseError) no try clause matching: [1, 2]"#, r#"no try clause matching: [1, 2]"#, r#"%TryClauseError{term: [1, 2]}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"with_clause"#, "g2gCZAALd2l0aF9jbGF1c2VoAmQABWVycm9ybQAAAAF4", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (WithClauseError) no with clause matching: {:error, "x"}"#, r#"no with clause matching: {:error, "x"}"#, r#"%WithClauseError{term: {:error, "x"}}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"cond_clause"#, "g2QAC2NvbmRfY2xhdXNl", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (CondClauseError) no cond clause evaluated to a truthy value"#, r#"no cond clause evaluated to a truthy value"#, r#"%CondClauseError{}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"system_limit"#, "g2QADHN5c3RlbV9saW1pdA==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (SystemLimitError) a system limit has been reached"#, r#"a system limit has been reached"#, r#"%SystemLimitError{message: "a system limit has been reached"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badbool"#, "g2gDZAAHYmFkYm9vbGQAA2FuZGEB", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (BadBooleanError) expected a boolean on left-side of "and", got: 1"#, r#"expected a boolean on left-side of "and", got: 1"#, r#"%BadBooleanError{term: 1, operator: :and}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badstruct"#, "g2gDZAAJYmFkc3RydWN0ZAAKRWxpeGlyLkZvb3QAAAAA", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (BadStructError) expected a struct named Foo, got: %{}"#, r#"expected a struct named Foo, got: %{}"#, r#"%BadStructError{struct: Foo, term: %{}}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"other atom"#, "g2QAA2Zvbw==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (ErlangError) Erlang error: :foo"#, r#"Erlang error: :foo"#, r#"%ErlangError{original: :foo, reason: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"other tuple"#, "g2gCZAAHbm9jYXRjaGQAA2Zvbw==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (ErlangError) Erlang error: {:nocatch, :foo}"#, r#"Erlang error: {:nocatch, :foo}"#, r#"%ErlangError{original: {:nocatch, :foo}, reason: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"other string"#, "g20AAAAEYm9vbQ==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (ErlangError) Erlang error: "boom""#, r#"Erlang error: "boom""#, r#"%ErlangError{original: "boom", reason: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"runtime error"#, "g3QAAAADZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAATRWxpeGlyLlJ1bnRpbWVFcnJvcmQAB21lc3NhZ2VtAAAABGJvb20=", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (RuntimeError) boom"#, r#"boom"#, r#"%RuntimeError{message: "boom"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"argument error"#, "g3QAAAADZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAURWxpeGlyLkFyZ3VtZW50RXJyb3JkAAdtZXNzYWdlbQAAAAliYWQgdGhpbmc=", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (ArgumentError) bad thing"#, r#"bad thing"#, r#"%ArgumentError{message: "bad thing"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"key error msg"#, "g3QAAAAFZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAPRWxpeGlyLktleUVycm9yZAADa2V5ZAABYWQAB21lc3NhZ2VkAANuaWxkAAR0ZXJtZAADbmls", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (KeyError) key :a not found"#, r#"key :a not found"#, r#"%KeyError{key: :a, term: nil, message: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"key error custom"#, "g3QAAAAFZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAPRWxpeGlyLktleUVycm9yZAADa2V5ZAABYWQAB21lc3NhZ2VtAAAABmN1c3RvbWQABHRlcm10AAAAAA==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (KeyError) custom"#, r#"custom"#, r#"%KeyError{key: :a, term: %{}, message: "custom"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"undef with reason"#, "g3QAAAAHZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAdRWxpeGlyLlVuZGVmaW5lZEZ1bmN0aW9uRXJyb3JkAAVhcml0eWECZAAIZnVuY3Rpb25kAANiYXJkAAdtZXNzYWdlZAADbmlsZAAGbW9kdWxlZAAKRWxpeGlyLkZvb2QABnJlYXNvbmQAFWZ1bmN0aW9uIG5vdCBleHBvcnRlZA==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (UndefinedFunctionError) function Foo.bar/2 is undefined or private"#, r#"function Foo.bar/2 is undefined or private"#, r#"%UndefinedFunctionError{module: Foo, function: :bar, arity: 2, reason: :"function not exported", message: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"undef with message"#, "g3QAAAAHZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAdRWxpeGlyLlVuZGVmaW5lZEZ1bmN0aW9uRXJyb3JkAAVhcml0eWECZAAIZnVuY3Rpb25kAANiYXJkAAdtZXNzYWdlbQAAAAJoaWQABm1vZHVsZWQACkVsaXhpci5Gb29kAAZyZWFzb25kAANuaWw=", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (UndefinedFunctionError) hi"#, r#"hi"#, r#"%UndefinedFunctionError{module: Foo, function: :bar, arity: 2, reason: nil, message: "hi"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"undef anon"#, "g3QAAAAHZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAdRWxpeGlyLlVuZGVmaW5lZEZ1bmN0aW9uRXJyb3JkAAVhcml0eWECZAAIZnVuY3Rpb25kAA0tcnVuLzAtZnVuLTAtZAAHbWVzc2FnZWQAA25pbGQABm1vZHVsZWQACkVsaXhpci5Gb29kAAZyZWFzb25kAANuaWw=", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (UndefinedFunctionError) function anonymous fn/2 in Foo.run/0 is undefined (module Foo is not available)"#, r#"function anonymous fn/2 in Foo.run/0 is undefined (module Foo is not available)"#, r#"%UndefinedFunctionError{module: Foo, function: :"-run/0-fun-0-", arity: 2, reason: nil, message: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"undef nil mod"#, "g3QAAAAHZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAdRWxpeGlyLlVuZGVmaW5lZEZ1bmN0aW9uRXJyb3JkAAVhcml0eWECZAAIZnVuY3Rpb25kAANiYXJkAAdtZXNzYWdlZAADbmlsZAAGbW9kdWxlZAADbmlsZAAGcmVhc29uZAADbmls", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (UndefinedFunctionError) function nil.bar/2 is undefined"#, r#"function nil.bar/2 is undefined"#, r#"%UndefinedFunctionError{module: nil, function: :bar, arity: 2, reason: nil, message: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"fce with args"#, "g3QAAAAIZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAaRWxpeGlyLkZ1bmN0aW9uQ2xhdXNlRXJyb3JkAARhcmdzbAAAAAJhAXQAAAABZAABYW0AAAADeAp5amQABWFyaXR5YQJkAAdjbGF1c2VzZAADbmlsZAAIZnVuY3Rpb25kAANiYXJkAARraW5kZAADbmlsZAAGbW9kdWxlZAAKRWxpeGlyLkZvbw==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (FunctionClauseError) no function clause matching in Foo.bar/2

The following arguments were given to Foo.bar/2:

    # 1
    1

    # 2
    %{a: "x\ny"}
"#, r#"no function clause matching in Foo.bar/2

The following arguments were given to Foo.bar/2:

    # 1
    1

    # 2
    %{a: "x\ny"}
"#, r#"%FunctionClauseError{module: Foo, function: :bar, arity: 2, kind: nil, args: [1, %{a: "x\ny"}], clauses: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"fce nil"#, "g3QAAAAIZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAaRWxpeGlyLkZ1bmN0aW9uQ2xhdXNlRXJyb3JkAARhcmdzZAADbmlsZAAFYXJpdHlkAANuaWxkAAdjbGF1c2VzZAADbmlsZAAIZnVuY3Rpb25kAANuaWxkAARraW5kZAADbmlsZAAGbW9kdWxlZAADbmls", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (FunctionClauseError) no function clause matches"#, r#"no function clause matches"#, r#"%FunctionClauseError{module: nil, function: nil, arity: nil, kind: nil, args: nil, clauses: nil}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"protocol"#, "g3QAAAAFZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAeRWxpeGlyLlByb3RvY29sLlVuZGVmaW5lZEVycm9yZAALZGVzY3JpcHRpb25tAAAAAGQACHByb3RvY29sZAATRWxpeGlyLlN0cmluZy5DaGFyc2QABXZhbHVlaAJhAWEC", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (Protocol.UndefinedError) protocol String.Chars not implemented for {1, 2} of type Tuple"#, r#"protocol String.Chars not implemented for {1, 2} of type Tuple"#, r#"%Protocol.UndefinedError{protocol: String.Chars, value: {1, 2}, description: ""}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"protocol desc"#, "g3QAAAAFZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAeRWxpeGlyLlByb3RvY29sLlVuZGVmaW5lZEVycm9yZAALZGVzY3JpcHRpb25tAAAABG9vcHNkAAhwcm90b2NvbGQAEUVsaXhpci5FbnVtZXJhYmxlZAAFdmFsdWV0AAAAAWQACl9fc3RydWN0X19kAApFbGl4aXIuRm9v", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (Protocol.UndefinedError) protocol Enumerable not implemented for %{__struct__: Foo} of type Foo (a struct), oops"#, r#"protocol Enumerable not implemented for %{__struct__: Foo} of type Foo (a struct), oops"#, r#"%Protocol.UndefinedError{protocol: Enumerable, value: %{__struct__: Foo}, description: "oops"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"erlang error reason"#, "g3QAAAAEZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAASRWxpeGlyLkVybGFuZ0Vycm9yZAAIb3JpZ2luYWxkAAF4ZAAGcmVhc29ubQAAAAk6IGRldGFpbHM=", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (ErlangError) Erlang error: :x: details"#, r#"Erlang error: :x: details"#, r#"%ErlangError{original: :x, reason: ": details"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"system env"#, "g3QAAAADZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAWRWxpeGlyLlN5c3RlbS5FbnZFcnJvcmQAA2Vudm0AAAAESE9NRQ==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (System.EnvError) could not fetch environment variable "HOME" because it is not set"#, r#"could not fetch environment variable "HOME" because it is not set"#, r#"%System.EnvError{env: "HOME"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"enum empty"#, "g3QAAAADZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAWRWxpeGlyLkVudW0uRW1wdHlFcnJvcmQAB21lc3NhZ2VtAAAAC2VtcHR5IGVycm9y", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (Enum.EmptyError) empty error"#, r#"empty error"#, r#"%Enum.EmptyError{message: "empty error"}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"cond exc"#, "g3QAAAACZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAWRWxpeGlyLkNvbmRDbGF1c2VFcnJvcg==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (CondClauseError) no cond clause evaluated to a truthy value"#, r#"no cond clause evaluated to a truthy value"#, r#"%CondClauseError{}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
    (r#"badbool exc"#, "g3QAAAAEZAANX19leGNlcHRpb25fX2QABHRydWVkAApfX3N0cnVjdF9fZAAWRWxpeGlyLkJhZEJvb2xlYW5FcnJvcmQACG9wZXJhdG9yZAACb3JkAAR0ZXJtZAABeA==", "g2wAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"** (BadBooleanError) expected a boolean on left-side of "or", got: :x"#, r#"expected a boolean on left-side of "or", got: :x"#, r#"%BadBooleanError{term: :x, operator: :or}"#, r#"    lib/foo.ex:12: Foo.bar/1
    lib/foo.ex:3: Foo.run/0
"#),
];
// (reason, format_exit, banner(:exit), banner(:throw), banner({:EXIT, pid}))
pub(super) const EXIT_CASES: &[(&str, &str, &str, &str, &str)] = &[
    ("g2QABm5vcm1hbA==", r#"normal"#, r#"** (exit) normal"#, r#"** (throw) :normal"#, r#"** (EXIT from #PID<0.7.0>) normal"#),
    ("g2QACHNodXRkb3du", r#"shutdown"#, r#"** (exit) shutdown"#, r#"** (throw) :shutdown"#, r#"** (EXIT from #PID<0.7.0>) shutdown"#),
    ("g2gCZAAIc2h1dGRvd25kAAF4", r#"shutdown: :x"#, r#"** (exit) shutdown: :x"#, r#"** (throw) {:shutdown, :x}"#, r#"** (EXIT from #PID<0.7.0>) shutdown: :x"#),
    ("g2QADGNhbGxpbmdfc2VsZg==", r#"process attempted to call itself"#, r#"** (exit) process attempted to call itself"#, r#"** (throw) :calling_self"#, r#"** (EXIT from #PID<0.7.0>) process attempted to call itself"#),
    ("g2QAB3RpbWVvdXQ=", r#"time out"#, r#"** (exit) time out"#, r#"** (throw) :timeout"#, r#"** (EXIT from #PID<0.7.0>) time out"#),
    ("g2QABmtpbGxlZA==", r#"killed"#, r#"** (exit) killed"#, r#"** (throw) :killed"#, r#"** (EXIT from #PID<0.7.0>) killed"#),
    ("g2QADG5vY29ubmVjdGlvbg==", r#"no connection"#, r#"** (exit) no connection"#, r#"** (throw) :noconnection"#, r#"** (EXIT from #PID<0.7.0>) no connection"#),
    ("g2QABm5vcHJvYw==", r#"no process: the process is not alive or there's no process currently associated with the given name, possibly because its application isn't started"#, r#"** (exit) no process: the process is not alive or there's no process currently associated with the given name, possibly because its application isn't started"#, r#"** (throw) :noproc"#, r#"** (EXIT from #PID<0.7.0>) no process: the process is not alive or there's no process currently associated with the given name, possibly because its application isn't started"#),
    ("g2gCZAAIbm9kZWRvd25kAANuQGg=", r#"no connection to n@h"#, r#"** (exit) no connection to n@h"#, r#"** (throw) {:nodedown, :n@h}"#, r#"** (EXIT from #PID<0.7.0>) no connection to n@h"#),
    ("g2gCZAAPYWxyZWFkeV9zdGFydGVkWGQADW5vbm9kZUBub2hvc3QAAAAFAAAAAAAAAAA=", r#"already started: #PID<0.5.0>"#, r#"** (exit) already started: #PID<0.5.0>"#, r#"** (throw) {:already_started, #PID<0.5.0>}"#, r#"** (EXIT from #PID<0.7.0>) already started: #PID<0.5.0>"#),
    ("g2gCZAAQYmFkX3JldHVybl92YWx1ZWEB", r#"bad return value: 1"#, r#"** (exit) bad return value: 1"#, r#"** (throw) {:bad_return_value, 1}"#, r#"** (EXIT from #PID<0.7.0>) bad return value: 1"#),
    ("g2gCZAAIYmFkX2NhbGxkAAF4", r#"bad call: :x"#, r#"** (exit) bad call: :x"#, r#"** (throw) {:bad_call, :x}"#, r#"** (EXIT from #PID<0.7.0>) bad call: :x"#),
    ("g2gCZAAIYmFkX2Nhc3RkAAF5", r#"bad cast: :y"#, r#"** (exit) bad cast: :y"#, r#"** (throw) {:bad_cast, :y}"#, r#"** (EXIT from #PID<0.7.0>) bad cast: :y"#),
    ("g2gCZAAKYmFkX3JldHVybmgDZAAKRWxpeGlyLkZvb2QABGluaXRkAANiYWQ=", r#"Foo.init/1 returned a bad value: :bad"#, r#"** (exit) Foo.init/1 returned a bad value: :bad"#, r#"** (throw) {:bad_return, {Foo, :init, :bad}}"#, r#"** (EXIT from #PID<0.7.0>) Foo.init/1 returned a bad value: :bad"#),
    ("g2gCZAAOYmFkX3N0YXJ0X3NwZWNkAAF4", r#"bad child specification, invalid children: :x"#, r#"** (exit) bad child specification, invalid children: :x"#, r#"** (throw) {:bad_start_spec, :x}"#, r#"** (EXIT from #PID<0.7.0>) bad child specification, invalid children: :x"#),
    ("g2QAA2Zvbw==", r#":foo"#, r#"** (exit) :foo"#, r#"** (throw) :foo"#, r#"** (EXIT from #PID<0.7.0>) :foo"#),
    ("g2gCZAADZm9vZAADYmFy", r#"{:foo, :bar}"#, r#"** (exit) {:foo, :bar}"#, r#"** (throw) {:foo, :bar}"#, r#"** (EXIT from #PID<0.7.0>) {:foo, :bar}"#),
    ("g20AAAADc3Ry", r#""str""#, r#"** (exit) "str""#, r#"** (throw) "str""#, r#"** (EXIT from #PID<0.7.0>) "str""#),
    ("g2gCZAAHdGltZW91dGgDZAAQRWxpeGlyLkdlblNlcnZlcmQABGNhbGxsAAAAA1hkAA1ub25vZGVAbm9ob3N0AAAABQAAAAAAAAAAZAAEcGluZ2IAABOIag==", r#"exited in: GenServer.call(#PID<0.5.0>, :ping, 5000)
    ** (EXIT) time out"#, r#"** (exit) exited in: GenServer.call(#PID<0.5.0>, :ping, 5000)
    ** (EXIT) time out"#, r#"** (throw) {:timeout, {GenServer, :call, [#PID<0.5.0>, :ping, 5000]}}"#, r#"** (EXIT from #PID<0.7.0>) exited in: GenServer.call(#PID<0.5.0>, :ping, 5000)
    ** (EXIT) time out"#),
    ("g2gCZAAGbm9wcm9jaANkABBFbGl4aXIuR2VuU2VydmVyZAAEY2FsbGwAAAADZAAJbXlfc2VydmVyZAAEcGluZ2IAABOIag==", r#"exited in: GenServer.call(:my_server, :ping, 5000)
    ** (EXIT) no process: the process is not alive or there's no process currently associated with the given name, possibly because its application isn't started"#, r#"** (exit) exited in: GenServer.call(:my_server, :ping, 5000)
    ** (EXIT) no process: the process is not alive or there's no process currently associated with the given name, possibly because its application isn't started"#, r#"** (throw) {:noproc, {GenServer, :call, [:my_server, :ping, 5000]}}"#, r#"** (EXIT from #PID<0.7.0>) exited in: GenServer.call(:my_server, :ping, 5000)
    ** (EXIT) no process: the process is not alive or there's no process currently associated with the given name, possibly because its application isn't started"#),
    ("g2gCaAJkAAhiYWRtYXRjaGEBbAAAAAJoBGQACkVsaXhpci5Gb29kAANiYXJhAWwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEMamgEZAAKRWxpeGlyLkZvb2QAA3J1bmEAbAAAAAJoAmQABGZpbGVrAApsaWIvZm9vLmV4aAJkAARsaW5lYQNqag==", r#"an exception was raised:
    ** (MatchError) no match of right hand side value: 1
        lib/foo.ex:12: Foo.bar/1
        lib/foo.ex:3: Foo.run/0"#, r#"** (exit) an exception was raised:
    ** (MatchError) no match of right hand side value: 1
        lib/foo.ex:12: Foo.bar/1
        lib/foo.ex:3: Foo.run/0"#, r#"** (throw) {{:badmatch, 1}, [{Foo, :bar, 1, [file: 'lib/foo.ex', line: 12]}, {Foo, :run, 0, [file: 'lib/foo.ex', line: 3]}]}"#, r#"** (EXIT from #PID<0.7.0>) an exception was raised:
    ** (MatchError) no match of right hand side value: 1
        lib/foo.ex:12: Foo.bar/1
        lib/foo.ex:3: Foo.run/0"#),
    ("g2gCdAAAAANkAA1fX2V4Y2VwdGlvbl9fZAAEdHJ1ZWQACl9fc3RydWN0X19kABNFbGl4aXIuUnVudGltZUVycm9yZAAHbWVzc2FnZW0AAAAEYm9vbWwAAAACaARkAApFbGl4aXIuRm9vZAADYmFyYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhDGpoBGQACkVsaXhpci5Gb29kAANydW5hAGwAAAACaAJkAARmaWxlawAKbGliL2Zvby5leGgCZAAEbGluZWEDamo=", r#"an exception was raised:
    ** (RuntimeError) boom
        lib/foo.ex:12: Foo.bar/1
        lib/foo.ex:3: Foo.run/0"#, r#"** (exit) an exception was raised:
    ** (RuntimeError) boom
        lib/foo.ex:12: Foo.bar/1
        lib/foo.ex:3: Foo.run/0"#, r#"** (throw) {%RuntimeError{message: "boom"}, [{Foo, :bar, 1, [file: 'lib/foo.ex', line: 12]}, {Foo, :run, 0, [file: 'lib/foo.ex', line: 3]}]}"#, r#"** (EXIT from #PID<0.7.0>) an exception was raised:
    ** (RuntimeError) boom
        lib/foo.ex:12: Foo.bar/1
        lib/foo.ex:3: Foo.run/0"#),
    ("g2gCZAAFdW5kZWZsAAAAA2gEZAAKRWxpeGlyLkJhcmQABG5vcGVhAmpoBGQACkVsaXhpci5Gb29kAA0tcnVuLzAtZnVuLTAtYQFsAAAAAmgCZAAEZmlsZWsACmxpYi9mb28uZXhoAmQABGxpbmVhB2poBGQAB2Zvb19tb2RkAAJnb2EAbAAAAAJoAmQABGZpbGVtAAAAD3NyYy9mb29fbW9kLmVybGgCZAAEbGluZWEAamo=", r#"an exception was raised:
    ** (UndefinedFunctionError) function Bar.nope/2 is undefined or private
        Bar.nope/2
        lib/foo.ex:7: anonymous fn/1 in Foo.run/0
        src/foo_mod.erl: :foo_mod.go/0"#, r#"** (exit) an exception was raised:
    ** (UndefinedFunctionError) function Bar.nope/2 is undefined or private
        Bar.nope/2
        lib/foo.ex:7: anonymous fn/1 in Foo.run/0
        src/foo_mod.erl: :foo_mod.go/0"#, r#"** (throw) {:undef, [{Bar, :nope, 2, []}, {Foo, :"-run/0-fun-0-", 1, [file: 'lib/foo.ex', line: 7]}, {:foo_mod, :go, 0, [file: "src/foo_mod.erl", line: 0]}]}"#, r#"** (EXIT from #PID<0.7.0>) an exception was raised:
    ** (UndefinedFunctionError) function Bar.nope/2 is undefined or private
        Bar.nope/2
        lib/foo.ex:7: anonymous fn/1 in Foo.run/0
        src/foo_mod.erl: :foo_mod.go/0"#),
    ("g2gCaAJkAAhiYWRtYXRjaGEBbAAAAAFkAAxub3RfYW5fZW50cnlq", r#"{{:badmatch, 1}, [:not_an_entry]}"#, r#"** (exit) {{:badmatch, 1}, [:not_an_entry]}"#, r#"** (throw) {{:badmatch, 1}, [:not_an_entry]}"#, r#"** (EXIT from #PID<0.7.0>) {{:badmatch, 1}, [:not_an_entry]}"#),
    ("g2gCZAAIc2h1dGRvd25oA2QAFWZhaWxlZF90b19zdGFydF9jaGlsZGQACkVsaXhpci5Gb29oAmQABEVYSVRkAARib29t", r#"shutdown: failed to start child: Foo
    ** (EXIT) :boom"#, r#"** (exit) shutdown: failed to start child: Foo
    ** (EXIT) :boom"#, r#"** (throw) {:shutdown, {:failed_to_start_child, Foo, {:EXIT, :boom}}}"#, r#"** (EXIT from #PID<0.7.0>) shutdown: failed to start child: Foo
    ** (EXIT) :boom"#),
    ("g2gCZAAIc2h1dGRvd25oA2QAFWZhaWxlZF90b19zdGFydF9jaGlsZGQACkVsaXhpci5Gb29kAARib29t", r#"shutdown: failed to start child: Foo
    ** (EXIT) :boom"#, r#"** (exit) shutdown: failed to start child: Foo
    ** (EXIT) :boom"#, r#"** (throw) {:shutdown, {:failed_to_start_child, Foo, :boom}}"#, r#"** (EXIT from #PID<0.7.0>) shutdown: failed to start child: Foo
    ** (EXIT) :boom"#),
    ("g2gCaAJkAAhzaHV0ZG93bmQAAXhoA2QACkVsaXhpci5Gb29kAANiYXJrAAEB", r#"exited in: Foo.bar(1)
    ** (EXIT) shutdown: :x"#, r#"** (exit) exited in: Foo.bar(1)
    ** (EXIT) shutdown: :x"#, r#"** (throw) {{:shutdown, :x}, {Foo, :bar, [1]}}"#, r#"** (EXIT from #PID<0.7.0>) exited in: Foo.bar(1)
    ** (EXIT) shutdown: :x"#),
];
