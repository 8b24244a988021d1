//! Tests of the exception formatting against Elixir 1.14: `exception_cases.rs` holds reasons
//! and stack traces (as `term_to_binary`, base64) with the outputs of `Exception.format_banner/3`,
//! `Exception.message/1` of the normalized error, `inspect/1` of it, `Exception.format_stacktrace/1`
//! and `Exception.format_exit/1` printed by real Elixir (the generating script is at the end).
//! In that script `Bar` is a loaded module and `Foo` is not.

use super::*;
use crate::value::inspect::tests::decode;
use crate::value::inspect::inspect;
use std::rc::Rc;

include!("exception_cases.rs");

/// The VM facts of the generating script: `Bar` loaded, no user structs, two applications.
fn install_hooks() -> Known {
    let k = Known::default();
    k.mark_loaded(Atom::intern("Elixir.Bar"));
    k.set_struct_resolver(Rc::new(|_| crate::value::inspect::StructInfo::NotAStruct));
    k.set_application_hook(Rc::new(|m: Atom| match m.name() {
        "Elixir.Map" | "Elixir.Enum" | "Elixir.GenServer" => Some("elixir 1.14.0".to_string()),
        "maps" => Some("stdlib 4.2".to_string()),
        _ => None,
    }));
    k
}

#[test]
fn error_cases_match_elixir() {
    let k = install_hooks();
    let mut failures = Vec::new();
    for (label, reason, st, banner, msg, insp, stfmt) in ERROR_CASES {
        let (reason, st) = (decode(reason), decode(st));
        let got_banner = format_banner(&k, &Term::atom("error"), &reason, &st);
        let n = normalize(&k, &reason, &st);
        let got_msg = message(&k, &n);
        let got_insp = inspect(&n, &k.inspect_opts());
        let got_st = format_stacktrace(&k, &st);
        for (what, e, g) in [("banner", banner, &got_banner), ("message", msg, &got_msg), ("inspect", insp, &got_insp), ("stacktrace", stfmt, &got_st)] {
            if *e != g.as_str() {
                failures.push(format!("--- {} {}\nexpected: {}\ngot:      {}", label, what, e, g));
            }
        }
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn exit_cases_match_elixir() {
    let k = install_hooks();
    let mut failures = Vec::new();
    let pid = Term::Pid(crate::value::Pid::from_number(7));
    for (reason, fexit, bexit, bthrow, bexitfrom) in EXIT_CASES {
        let r = decode(reason);
        let got = [
            format_exit(&k, &r),
            format_banner(&k, &Term::atom("exit"), &r, &Term::Nil),
            format_banner(&k, &Term::atom("throw"), &r, &Term::Nil),
            format_banner(&k, &Term::tuple(vec![Term::Atom(Atom::EXIT), pid.clone()]), &r, &Term::Nil),
        ];
        for (e, g) in [fexit, bexit, bthrow, bexitfrom].iter().zip(got.iter()) {
            if **e != g.as_str() {
                failures.push(format!("--- {}\nexpected: {}\ngot:      {}", reason, e, g));
            }
        }
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn readable_examples() {
    let k = install_hooks();
    let st = Term::list(vec![Term::tuple(vec![
        Term::atom("Elixir.Foo"),
        Term::atom("bar"),
        Term::Int(1),
        Term::list(vec![
            Term::tuple(vec![Term::atom("file"), Term::list("lib/foo.ex".bytes().map(|b| Term::Int(b as i64)).collect())]),
            Term::tuple(vec![Term::atom("line"), Term::Int(12)]),
        ]),
    ])]);
    let err = Term::atom("error");
    let bm = Term::tuple(vec![Term::atom("badmatch"), Term::Int(1)]);
    assert_eq!(format_banner(&k, &err, &bm, &st), "** (MatchError) no match of right hand side value: 1");
    assert_eq!(format_banner(&k, &err, &with_message("RuntimeError", "boom"), &st), "** (RuntimeError) boom");
    assert_eq!(format_banner(&k, &Term::atom("throw"), &Term::Int(1), &st), "** (throw) 1");
    assert_eq!(format_banner(&k, &Term::atom("exit"), &Term::atom("x"), &st), "** (exit) :x");
    assert_eq!(format_stacktrace(&k, &st), "    lib/foo.ex:12: Foo.bar/1\n");
    assert_eq!(message(&k, &normalize(&k, &Term::atom("undef"), &st)), "function Foo.bar/1 is undefined (module Foo is not available)");
    assert_eq!(message(&k, &normalize(&k, &Term::atom("function_clause"), &st)), "no function clause matching in Foo.bar/1");
    assert_eq!(message(&k, &normalize(&k, &Term::atom("badarith"), &st)), "bad argument in arithmetic expression");
    assert_eq!(format_exit(&k, &Term::atom("timeout")), "time out");
}

#[test]
fn fun_exceptions() {
    let k = Known::default();
    use crate::value::Fun;
    let f = Term::Fun(Rc::new(Fun::External { module: Atom::intern("Elixir.Foo"), function: Atom::intern("bar"), arity: 1 }));
    // elixir: Exception.message(%BadArityError{function: &Foo.bar/1, args: [1, 2]})
    let e = normalize(&k, &Term::tuple(vec![Term::atom("badarity"), Term::tuple(vec![f.clone(), Term::list(vec![Term::Int(1), Term::Int(2)])])]), &Term::Nil);
    assert_eq!(message(&k, &e), "&Foo.bar/1 with arity 1 called with 2 arguments (1, 2)");
    let e = normalize(&k, &Term::tuple(vec![Term::atom("badarity"), Term::tuple(vec![f.clone(), Term::Nil])]), &Term::Nil);
    assert_eq!(message(&k, &e), "&Foo.bar/1 with arity 1 called with no arguments");
    let e = normalize(&k, &Term::tuple(vec![Term::atom("badarity"), Term::tuple(vec![f.clone(), Term::list(vec![Term::string("a")])])]), &Term::Nil);
    assert_eq!(message(&k, &e), "&Foo.bar/1 with arity 1 called with 1 argument (\"a\")");
    let e = normalize(&k, &Term::tuple(vec![Term::atom("badfun"), f.clone()]), &Term::Nil);
    assert_eq!(message(&k, &e), "function &Foo.bar/1 is invalid, likely because it points to an old version of the code");
    assert_eq!(inspect(&e, &k.inspect_opts()), "%BadFunctionError{term: &Foo.bar/1}");
}

// ---------------------------------------------------------------------------------------------
// The generator of exception_cases.rs (`elixir exc.exs > exception_cases.rs`):
//
// defmodule Bar do
//   def hello, do: :world
// end
// st0 = []
// st1 = [{Foo, :bar, 1, [file: 'lib/foo.ex', line: 12]}, {Foo, :run, 0, [file: 'lib/foo.ex', line: 3]}]
// st2 = [{Foo, :bar, [1, :x], [file: 'lib/foo.ex', line: 12]}]
// st3 = [{Bar, :nope, 2, []}, {Foo, :"-run/0-fun-0-", 1, [file: 'lib/foo.ex', line: 7]}, {:foo_mod, :go, 0, [file: "src/foo_mod.erl", line: 0]}]
// st4 = [{Foo.Baz, :__MODULE__, 0, [file: 'lib/baz.ex', line: 1]}, {Foo, :__MODULE__, 1, [file: 'lib/foo.ex', line: 1]}, {Foo, :__FILE__, 1, [file: 'lib/foo.ex', line: 2]}, {Foo, :"weird name", 1, [file: 'lib/foo.ex']}]
// st5 = [{Map, :update!, [%{a: 1}, :b, :f], []}]
// st6 = [{:maps, :get, [:k, %{x: 1}], []}]
// reasons = [
//   {"badmatch", {:badmatch, 1}, st1},
//   {"badmatch tuple", {:badmatch, {:error, :enoent}}, st1},
//   {"stack special", :foo, st4},
//   {"case_clause", {:case_clause, :x}, st1},
//   {"badarith", :badarith, st1},
//   {"badarg", :badarg, st1},
//   {"badarg payload", {:badarg, :foo}, st1},
//   {"badkey3", {:badkey, :a, %{b: 1}}, st1},
//   {"badkey3 nonmap", {:badkey, :a, [1]}, st1},
//   {"badkey2", {:badkey, :a}, st1},
//   {"badkey2 update!", {:badkey, :b}, st5},
//   {"badkey2 maps.get", {:badkey, :k}, st6},
//   {"badmap", {:badmap, 1}, st1},
//   {"badfun", {:badfun, 1}, st1},
//   {"function_clause", :function_clause, st1},
//   {"function_clause args", :function_clause, st2},
//   {"function_clause empty", :function_clause, st0},
//   {"undef", :undef, st1},
//   {"undef loaded", :undef, st3},
//   {"undef args", :undef, st2},
//   {"undef empty", :undef, st0},
//   {"try_clause", {:try_clause, [1, 2]}, st1},
//   {"with_clause", {:with_clause, {:error, "x"}}, st1},
//   {"cond_clause", :cond_clause, st1},
//   {"system_limit", :system_limit, st1},
//   {"badbool", {:badbool, :and, 1}, st1},
//   {"badstruct", {:badstruct, Foo, %{}}, st1},
//   {"other atom", :foo, st1},
//   {"other tuple", {:nocatch, :foo}, st1},
//   {"other string", "boom", st1},
//   {"runtime error", %RuntimeError{message: "boom"}, st1},
//   {"argument error", %ArgumentError{message: "bad thing"}, st1},
//   {"key error msg", %KeyError{key: :a, term: nil, message: nil}, st1},
//   {"key error custom", %KeyError{key: :a, term: %{}, message: "custom"}, st1},
//   {"undef with reason", %UndefinedFunctionError{module: Foo, function: :bar, arity: 2, reason: :"function not exported"}, st1},
//   {"undef with message", %UndefinedFunctionError{module: Foo, function: :bar, arity: 2, message: "hi"}, st1},
//   {"undef anon", %UndefinedFunctionError{module: Foo, function: :"-run/0-fun-0-", arity: 2}, st1},
//   {"undef nil mod", %UndefinedFunctionError{module: nil, function: :bar, arity: 2}, st1},
//   {"fce with args", %FunctionClauseError{module: Foo, function: :bar, arity: 2, args: [1, %{a: "x\ny"}]}, st1},
//   {"fce nil", %FunctionClauseError{}, st1},
//   {"protocol", %Protocol.UndefinedError{protocol: String.Chars, value: {1, 2}}, st1},
//   {"protocol desc", %Protocol.UndefinedError{protocol: Enumerable, value: %{__struct__: Foo}, description: "oops"}, st1},
//   {"erlang error reason", %ErlangError{original: :x, reason: ": details"}, st1},
//   {"system env", %System.EnvError{env: "HOME"}, st1},
//   {"enum empty", %Enum.EmptyError{}, st1},
//   {"cond exc", %CondClauseError{}, st1},
//   {"badbool exc", %BadBooleanError{operator: :or, term: :x}, st1},
// ]
// exits = [
//   :normal, :shutdown, {:shutdown, :x}, :calling_self, :timeout, :killed, :noconnection, :noproc, {:nodedown, :n@h},
//   {:already_started, :c.pid(0, 5, 0)}, {:bad_return_value, 1}, {:bad_call, :x}, {:bad_cast, :y}, {:bad_return, {Foo, :init, :bad}},
//   {:bad_start_spec, :x}, :foo, {:foo, :bar}, "str",
//   {:timeout, {GenServer, :call, [:c.pid(0, 5, 0), :ping, 5000]}},
//   {:noproc, {GenServer, :call, [:my_server, :ping, 5000]}},
//   {{:badmatch, 1}, st1},
//   {%RuntimeError{message: "boom"}, st1},
//   {:undef, st3},
//   {{:badmatch, 1}, [:not_an_entry]},
//   {:shutdown, {:failed_to_start_child, Foo, {:EXIT, :boom}}},
//   {:shutdown, {:failed_to_start_child, Foo, :boom}},
//   {{:shutdown, :x}, {Foo, :bar, [1]}},
// ]
// raw = fn s ->
//   n = Enum.find(1..10, fn n -> not String.contains?(s, "\"" <> String.duplicate("#", n)) end)
//   h = String.duplicate("#", n)
//   "r#{h}\"#{s}\"#{h}"
// end
// e = fn t -> "\"" <> Base.encode64(:erlang.term_to_binary(t)) <> "\"" end
// IO.puts("// Generated with Elixir 1.14 (see the script at the end of exception_tests.rs).")
// IO.puts("// (label, reason, stacktrace, banner(:error), message(&k, normalize), inspect(normalize), format_stacktrace)")
// IO.puts("pub(super) const ERROR_CASES: &[(&str, &str, &str, &str, &str, &str, &str)] = &[")
// for {label, reason, st} <- reasons do
//   n = Exception.normalize(:error, reason, st)
//   IO.puts("    (#{raw.(label)}, #{e.(reason)}, #{e.(st)}, #{raw.(Exception.format_banner(:error, reason, st))}, #{raw.(Exception.message(n))}, #{raw.(inspect(n))}, #{raw.(Exception.format_stacktrace(st))}),")
// end
// IO.puts("];")
// IO.puts("// (reason, format_exit, banner(:exit), banner(:throw), banner({:EXIT, pid}))")
// IO.puts("pub(super) const EXIT_CASES: &[(&str, &str, &str, &str, &str)] = &[")
// for r <- exits do
//   IO.puts("    (#{e.(r)}, #{raw.(Exception.format_exit(r))}, #{raw.(Exception.format_banner(:exit, r, []))}, #{raw.(Exception.format_banner(:throw, r, []))}, #{raw.(Exception.format_banner({:EXIT, :c.pid(0, 7, 0)}, r, []))}),")
// end
// IO.puts("];")
