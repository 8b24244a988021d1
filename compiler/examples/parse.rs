//! Prints what retort's parser makes of each snippet in a file, in the parser oracle's text
//! form (see `tests/data/parser-oracle/README.md`): snippets are separated by lines holding
//! only `----`; each result is one line, the AST or `ERROR <first message>`.
//!
//! Usage: `cargo run --release -p retort-compiler --example parse -- FILE`
//! (`tests/data/parser-oracle/compare.sh FILE` runs it beside Elixir's own parser).

use retort_compiler::ast_print::to_oracle_string;
use retort_compiler::parser::parse;

fn main() {
    let path = std::env::args().nth(1).expect("usage: parse FILE");
    let text = std::fs::read_to_string(&path).expect("readable snippet file");
    let mut snippets = vec![];
    let mut cur: Vec<&str> = vec![];
    for line in text.lines() {
        if line == "----" {
            snippets.push(cur.join("\n"));
            cur.clear();
        } else {
            cur.push(line);
        }
    }
    snippets.push(cur.join("\n"));
    for s in snippets {
        let s = s.trim_end_matches('\n');
        if s.trim().is_empty() {
            continue;
        }
        match parse(s) {
            Ok(ast) => println!("{}", to_oracle_string(&ast)),
            Err(d) => println!("ERROR {}", d.first().map(|d| d.message.as_str()).unwrap_or("?")),
        }
    }
}
