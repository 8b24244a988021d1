//! Code generator tests: compile small programs and check properties of the module images.
//! Also compiles every conformance script and benchmark (and the module sources they embed
//! in strings for `Code.compile_string/1`) without diagnostics.

use retort_compiler::ast::Ast;
use retort_compiler::codegen::{compile, CompiledUnit};
use retort_vm::bytecode::{Function, Label, ModuleImage, Op};

fn unit(src: &str) -> CompiledUnit {
    match compile(src, "test.exs", "Elixir.Script") {
        Ok(u) => u,
        Err(d) => panic!("diagnostics: {:#?}", d),
    }
}

fn module<'a>(u: &'a CompiledUnit, name: &str) -> &'a ModuleImage {
    u.modules.iter().find(|m| m.name == name).unwrap_or_else(|| panic!("no module {}", name))
}

fn func<'a>(m: &'a ModuleImage, name: &str, arity: u32) -> &'a Function {
    m.functions.iter().find(|f| f.name == name && f.arity == arity).unwrap_or_else(|| panic!("no {}/{}", name, arity))
}

fn labels(op: &Op) -> Vec<Label> {
    match op {
        Op::Arith { fail, .. } | Op::Neg { fail, .. } | Op::Abs { fail, .. } | Op::Not { fail, .. } => vec![*fail],
        Op::Jump { target } | Op::JumpIf { target, .. } | Op::JumpUnless { target, .. } => vec![*target],
        Op::Test { fail, .. }
        | Op::IsEqLit { fail, .. }
        | Op::IsType { fail, .. }
        | Op::IsTupleOf { fail, .. }
        | Op::IsFunOf { fail, .. }
        | Op::MapGet { fail, .. }
        | Op::BinPrefix { fail, .. }
        | Op::GuardBif { fail, .. } => vec![*fail],
        Op::RecvPeek { nomsg, .. } => vec![*nomsg],
        Op::RecvNext { target } | Op::RecvWait { target } | Op::RecvWaitTimeout { target, .. } => vec![*target],
        Op::TryBegin { handler, .. } => vec![*handler],
        _ => vec![],
    }
}

/// Every register operand (as the Debug text shows them) is below nregs, every label is in
/// range, every pool index is valid.
fn check_image(m: &ModuleImage) {
    for f in &m.functions {
        assert!(f.nregs >= f.arity.max(1), "{}: nregs", f.name);
        for (pc, op) in f.code.iter().enumerate() {
            for l in labels(op) {
                assert!(l.is_none() || (l.0 as usize) < f.code.len(), "{}/{} pc {}: label {:?} out of range", f.name, f.arity, pc, l);
            }
            let text = format!("{:?}", op);
            for part in text.split("Reg(").skip(1) {
                let n: u32 = part.split(')').next().unwrap().parse().unwrap();
                // Reg::NONE (u16::MAX) stands for "no register" (BsPut without a run-time size)
                if n == u16::MAX as u32 {
                    continue;
                }
                assert!(n < f.nregs, "{}/{} pc {}: register {} >= nregs {} in {}", f.name, f.arity, pc, n, f.nregs, text);
            }
            for (key, len) in [("LitIdx(", m.literals.len()), ("ImportIdx(", m.imports.len()), ("LambdaIdx(", m.lambdas.len()), ("LocalFn(", m.functions.len())] {
                for part in text.split(key).skip(1) {
                    let n: usize = part.split(')').next().unwrap().parse().unwrap();
                    assert!(n < len, "{}/{} pc {}: {}{}) out of range", f.name, f.arity, pc, key, n);
                }
            }
        }
        let mut last = 0;
        for (pc, _) in &f.lines {
            assert!(*pc >= last && (*pc as usize) <= f.code.len());
            last = *pc;
        }
    }
    for l in &m.lambdas {
        let f = &m.functions[l.function as usize];
        assert_eq!(f.arity, l.arity + l.nfree, "lambda body arity");
    }
    for e in &m.exports {
        assert_eq!(m.functions[e.function as usize].name, e.name);
        assert_eq!(m.functions[e.function as usize].arity, e.arity);
    }
}

fn check_unit(u: &CompiledUnit) {
    u.modules.iter().for_each(check_image);
    if let Some(s) = &u.script {
        check_image(s);
    }
}

fn errors(src: &str) -> Vec<retort_compiler::diagnostic::Diagnostic> {
    match compile(src, "test.exs", "Elixir.Script") {
        Ok(_) => panic!("expected diagnostics"),
        Err(d) => d,
    }
}

#[test]
fn self_recursive_tail_call_is_tailcall() {
    let u = unit("defmodule Demo do\n  def loop(0, acc), do: acc\n  def loop(n, acc), do: loop(n - 1, acc + n)\nend\n");
    check_unit(&u);
    let m = module(&u, "Elixir.Demo");
    let f = func(m, "loop", 2);
    assert!(f.code.iter().any(|op| matches!(op, Op::TailCall { .. })));
    assert!(!f.code.iter().any(|op| matches!(op, Op::Call { .. })));
    assert!(u.script.is_none());
}

#[test]
fn non_tail_calls_and_remote_calls() {
    let u = unit("defmodule Demo do\n  def fib(n) when n < 2, do: n\n  def fib(n), do: fib(n - 1) + fib(n - 2)\n  def p(x), do: IO.puts(x)\n  def q(x), do: :lists.reverse(x)\n  def r(m, x) do\n    y = m.f(x)\n    y\n  end\nend\n");
    check_unit(&u);
    let m = module(&u, "Elixir.Demo");
    let fib = func(m, "fib", 1);
    assert_eq!(fib.code.iter().filter(|op| matches!(op, Op::Call { .. })).count(), 2);
    let p = func(m, "p", 1);
    let Some(Op::TailCallRemote { import, .. }) = p.code.iter().find(|op| matches!(op, Op::TailCallRemote { .. })) else { panic!() };
    let imp = &m.imports[import.0 as usize];
    assert_eq!((imp.module.as_str(), imp.function.as_str(), imp.arity), ("Elixir.IO", "puts", 1));
    let q = func(m, "q", 1);
    let Some(Op::TailCallRemote { import, .. }) = q.code.last() else { panic!("{:?}", q.code) };
    assert_eq!(m.imports[import.0 as usize].module, "lists");
    let r = func(m, "r", 2);
    assert!(r.code.iter().any(|op| matches!(op, Op::CallMod { .. })));
}

#[test]
fn comprehension_generators_are_local_loops() {
    // Two generators and a filter: two loop functions, no fun made or called on the list
    // path. The outer loop takes `ys` and `k` as extra arguments, the inner one `x` and `k`.
    let u = unit("defmodule Demo do\n  def pairs(xs, ys, k), do: for(x <- xs, y <- ys, x + y > k, do: {x, y})\nend\n");
    check_unit(&u);
    let m = module(&u, "Elixir.Demo");
    let outer = func(m, "pairs", 3);
    assert!(!outer.code.iter().any(|op| matches!(op, Op::Closure { .. } | Op::CallFun { .. } | Op::CallRemote { .. })), "{:?}", outer.code);
    let loop1 = func(m, "-pairs/3-fun-0-", 4);
    let loop2 = func(m, "-pairs/3-fun-1-", 4);
    for l in [loop1, loop2] {
        // The list path: a self tail call; the outer loop calls the inner one.
        assert!(l.code.iter().any(|op| matches!(op, Op::TailCall { .. })), "{:?}", l.code);
        assert!(!l.code.iter().any(|op| matches!(op, Op::CallFun { .. })), "{:?}", l.code);
    }
    assert!(loop1.code.iter().any(|op| matches!(op, Op::Call { .. })));
    // The fallback for other enumerables asks Enum.for_chunk/1, then Enum.reduce/3.
    let names: Vec<&str> = m.imports.iter().map(|i| i.function.as_str()).collect();
    assert!(names.contains(&"for_chunk") && names.contains(&"reduce"), "{:?}", names);
}

#[test]
fn module_attribute_self_call() {
    let u = unit("defmodule Demo do\n  @vsn 2\n  @limit 10\n  def go(x), do: __MODULE__.go2(x + @limit)\n  def go2(x), do: x\nend\n");
    check_unit(&u);
    let m = module(&u, "Elixir.Demo");
    assert_eq!(m.attributes, vec![("vsn".to_string(), retort_vm::bytecode::Literal::Int(2))]);
    let f = func(m, "go", 1);
    let Some(Op::TailCallRemote { import, .. }) = f.code.last() else { panic!() };
    assert_eq!(m.imports[import.0 as usize].module, "Elixir.Demo");
}

#[test]
fn lambda_arity_includes_free_variables() {
    let u = unit("defmodule Demo do\n  def adder(a, b) do\n    fn x -> x + a + b end\n  end\nend\n");
    check_unit(&u);
    let m = module(&u, "Elixir.Demo");
    assert_eq!(m.lambdas.len(), 1);
    let l = &m.lambdas[0];
    assert_eq!((l.arity, l.nfree), (1, 2));
    assert_eq!(m.functions[l.function as usize].arity, 3);
    assert_eq!(m.functions[l.function as usize].name, "-adder/2-fun-0-");
    assert!(func(m, "adder", 2).code.iter().any(|op| matches!(op, Op::Closure { n: 2, .. })));
}

#[test]
fn receive_shape() {
    let u = unit("defmodule Demo do\n  def loop(s) do\n    receive do\n      {:add, n} -> loop(s + n)\n      {:get, from} -> send(from, s); loop(s)\n    after\n      100 -> :timeout\n    end\n  end\nend\n");
    check_unit(&u);
    let f = func(module(&u, "Elixir.Demo"), "loop", 1);
    let ops: Vec<&Op> = f.code.iter().collect();
    assert!(ops.iter().any(|o| matches!(o, Op::RecvPeek { .. })));
    assert_eq!(ops.iter().filter(|o| matches!(o, Op::RecvAccept)).count(), 2);
    assert!(ops.iter().any(|o| matches!(o, Op::RecvNext { .. })));
    assert!(ops.iter().any(|o| matches!(o, Op::RecvWaitTimeout { .. })));
    assert_eq!(ops.iter().filter(|o| matches!(o, Op::TailCall { .. })).count(), 2);
}

#[test]
fn try_bodies_have_no_tail_calls() {
    let u = unit("defmodule Demo do\n  def f(x) do\n    try do\n      g(x)\n    rescue\n      e in ArgumentError -> {:error, e}\n    catch\n      :throw, v -> v\n    after\n      IO.puts(\"done\")\n    end\n  end\n  def g(x), do: x\nend\n");
    check_unit(&u);
    let f = func(module(&u, "Elixir.Demo"), "f", 1);
    assert!(!f.code.iter().any(|o| matches!(o, Op::TailCall { .. } | Op::TailCallRemote { .. })));
    assert_eq!(f.code.iter().filter(|o| matches!(o, Op::TryBegin { .. })).count(), 2);
    assert!(f.code.iter().any(|o| matches!(o, Op::Reraise { .. })));
}

#[test]
fn constant_folding() {
    let u = unit("defmodule Demo do\n  def f(), do: [1, {:a, \"b\"}, %{c: [2, 3]}]\nend\n");
    let f = func(module(&u, "Elixir.Demo"), "f", 0);
    assert_eq!(f.code.len(), 2, "{:?}", f.code);
    assert!(matches!(f.code[0], Op::Lit { .. }));
}

#[test]
fn undefined_variable_and_function() {
    let d = errors("defmodule Demo do\n  def f(a) do\n    a + x\n  end\nend\n");
    assert_eq!(d[0].message, "undefined variable \"x\"");
    assert_eq!(d[0].span.line, 3);
    let d = errors("defmodule Demo do\n  def f(a) do\n    a\n  end\n  def g(b) do\n    foo(b)\n  end\nend\n");
    assert_eq!(
        d[0].message,
        "undefined function foo/1 (expected Demo to define such a function or for it to be imported, but none are available)"
    );
    assert_eq!(d[0].span.line, 6);
}

#[test]
fn script_module_and_determinism() {
    let src = "defmodule A do\n  defmodule B do\n    def x, do: 1\n  end\n  def y, do: B.x()\nend\nIO.puts(A.y())\n";
    let u = unit(src);
    check_unit(&u);
    assert_eq!(u.modules.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), vec!["Elixir.A", "Elixir.A.B"]);
    let s = u.script.as_ref().unwrap();
    assert_eq!(s.name, "Elixir.Script");
    assert_eq!(s.exports[0].name, "__FILE__");
    let a = module(&u, "Elixir.A");
    assert!(a.imports.iter().any(|i| i.module == "Elixir.A.B"));
    assert_eq!(unit(src), u);
}

#[test]
fn language_tour_compiles() {
    let src = r#"
defmodule Point do
  defstruct x: 0, y: 0
end
defmodule MyError do
  defexception message: "boom"
end
defmodule Tour do
  use GenServer
  alias Point, as: P
  import Enum, only: [map: 2]
  @moduledoc "tour"
  @doc "f"
  def f(list) do
    for x <- list, x > 1, into: %{}, do: {x, x * 2}
  end
  def g(%P{x: x} = p), do: %P{p | y: x}
  def h(s) do
    cond do
      s == "a" <> "b" -> :ab
      "x" <> rest = s -> rest
      true -> with {:ok, v} <- {:ok, s}, v2 when is_binary(v2) <- v do v2 else _ -> nil end
    end
  end
  def i(x) when x in [1, 2] or x in 5..9, do: map([x], &(&1 + 1)) |> Enum.sum()
  def j(m), do: {m.a, m[:b], ~w(a b c)a, 'abc', ~s(x\ny), &Enum.map/2, &j/1}
  def k(x) do
    try do
      raise MyError
    rescue
      e in [MyError, ArgumentError] -> e.message
      _ -> raise "other #{x}"
    end
  end
  def l(a, b \\ 1, c \\ 2), do: {a, b, c}
  def m(f), do: f.(1) && !f.(2) || not true
  def n(x), do: unless(x, do: 1, else: 2)
  defp o(x), do: throw(x)
  def p(x), do: o(x)
  def q(), do: %Point{x: 1}
end
"#;
    let u = unit(src);
    check_unit(&u);
    let t = module(&u, "Elixir.Tour");
    for (n, a) in [("l", 1), ("l", 2), ("l", 3), ("handle_call", 3), ("child_spec", 1), ("code_change", 3)] {
        func(t, n, a);
    }
    assert!(t.attributes.iter().any(|(k, _)| k == "behaviour"));
    assert_eq!(t.moduledoc.as_deref(), Some("tour"));
    func(module(&u, "Elixir.Point"), "__struct__", 1);
    func(module(&u, "Elixir.MyError"), "exception", 1);
    func(module(&u, "Elixir.MyError"), "message", 1);
}

/// Every string literal of `ast` that defines a module (sources for `Code.compile_string`).
fn embedded_sources(ast: &Ast, out: &mut Vec<String>) {
    match ast {
        Ast::Str(b) => {
            let s = String::from_utf8_lossy(b);
            if s.contains("defmodule") && retort_compiler::parser::parse(&s).is_ok() {
                out.push(s.into_owned());
            }
        }
        Ast::Node { head, args, .. } => {
            embedded_sources(head, out);
            args.iter().flatten().for_each(|a| embedded_sources(a, out));
        }
        Ast::List(items) => items.iter().for_each(|a| embedded_sources(a, out)),
        Ast::Pair(a, b) => {
            embedded_sources(a, out);
            embedded_sources(b, out);
        }
        _ => {}
    }
}

fn compile_dir(dir: &str) -> usize {
    let mut n = 0;
    let mut failures = vec![];
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        if p.extension().map_or(true, |e| e != "exs") {
            continue;
        }
        let src = std::fs::read_to_string(&p).unwrap();
        let mut sources = vec![src.clone()];
        if let Ok(ast) = retort_compiler::parser::parse(&src) {
            embedded_sources(&ast, &mut sources);
        }
        for s in sources {
            n += 1;
            match compile(&s, &p.display().to_string(), "Elixir.Script") {
                Ok(u) => check_unit(&u),
                Err(d) => failures.push(format!("{}: {:?}", p.display(), d.iter().map(|d| (&d.message, d.span.line)).collect::<Vec<_>>())),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    n
}

#[test]
fn conformance_scripts_compile() {
    let base = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/conformance");
    assert!(compile_dir(&format!("{}/hotswap", base)) > 20);
    assert!(compile_dir(&format!("{}/seeds", base)) >= 3);
}

#[test]
fn benchmarks_compile() {
    assert!(compile_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/harness/ex")) >= 10);
    assert!(compile_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/programs")) >= 4);
}

/// No input panics the code generator: every parser-oracle snippet compiles or gives
/// diagnostics (undefined variables are expected there).
#[test]
fn oracle_snippets_never_panic() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/parser-oracle/snippets.txt");
    let Ok(text) = std::fs::read_to_string(path) else { return };
    let mut n = 0;
    for snippet in text.split("\n----\n") {
        n += 1;
        for src in [snippet.to_string(), format!("defmodule Snip do\n  def f(x, y, z) do\n{}\n  end\nend\n", snippet)] {
            if let Ok(u) = compile(&src, "snippet.exs", "Elixir.Script") {
                check_unit(&u);
            }
        }
    }
    assert!(n > 100);
}
