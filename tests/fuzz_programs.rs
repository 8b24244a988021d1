//! A fuzzing pass over the whole pipeline (lexer, parser, macros, code generator, loader, VM):
//! mutants of the golden programs (`tests/programs/*.exs`) — byte changes, truncations, lines
//! spliced from other programs, deep nesting inserted — run through the release binary with a
//! time limit. Whatever a mutant does (a diagnostic, an exception, a hang cut by the limit), the
//! process must never end by a signal (an abort, a stack overflow) nor print a Rust panic.
//!
//! Deterministic: the mutants come from a fixed seed (`RETORT_FUZZ_SEED` overrides it, and
//! `RETORT_FUZZ_SECS` the time budget, 20 s by default); a failure names the seed and the case
//! and leaves the mutant in the temporary directory to reproduce it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// Bytes that change the syntax the most, with plain random bytes besides.
const INTERESTING: &[u8] = b"()[]{}<>\"'\\#%:;,.|&=^~@$!?-+*/_ \n0987eExXbBfnd\x00\xff\xc3";

/// Nested openers and their closers for the deep-nesting mutant.
const NESTS: &[(&str, &str)] = &[("[", "]"), ("{", "}"), ("(", ")"), ("%{a: ", "}"), ("fn -> ", " end"), ("<<", ">>"), ("case 1 do _ -> ", " end"), ("-", "")];

fn mutate(rng: &mut Rng, src: &[u8], other: &[u8]) -> (String, Vec<u8>) {
    let mut s = src.to_vec();
    let line_starts = |b: &[u8]| -> Vec<usize> { std::iter::once(0).chain(b.iter().enumerate().filter(|(_, c)| **c == b'\n').map(|(i, _)| i + 1)).collect() };
    match rng.below(6) {
        0 => {
            let k = 1 + rng.below(8);
            for _ in 0..k {
                if s.is_empty() {
                    break;
                }
                let i = rng.below(s.len());
                s[i] = if rng.below(3) == 0 { rng.next() as u8 } else { INTERESTING[rng.below(INTERESTING.len())] };
            }
            (format!("{k} byte changes"), s)
        }
        1 => {
            let at = rng.below(s.len() + 1);
            s.truncate(at);
            (format!("truncated at {at}"), s)
        }
        2 => {
            let lines = line_starts(other);
            let a = lines[rng.below(lines.len())];
            let b = (a + 1 + rng.below(400)).min(other.len());
            let starts = line_starts(&s);
            let at = starts[rng.below(starts.len())];
            let piece = other[a..b].to_vec();
            s.splice(at..at, piece);
            (format!("spliced {} bytes at {at}", b - a), s)
        }
        3 => {
            let (open, close) = NESTS[rng.below(NESTS.len())];
            let depth = [10, 1_000, 20_000, 200_000][rng.below(4)];
            let starts = line_starts(&s);
            let at = starts[rng.below(starts.len())];
            let line = format!("x = {}1{}\n", open.repeat(depth), close.repeat(depth));
            s.splice(at..at, line.into_bytes());
            (format!("{depth} deep {open:?} at {at}"), s)
        }
        4 => {
            let i = rng.below(s.len() + 1);
            let j = (i + rng.below(200)).min(s.len());
            s.drain(i..j);
            (format!("deleted {}..{}", i, j), s)
        }
        _ => {
            let i = rng.below(s.len() + 1);
            let j = (i + rng.below(300)).min(s.len());
            let piece = s[i..j].to_vec();
            let at = rng.below(s.len() + 1);
            s.splice(at..at, piece);
            (format!("copied {}..{} to {at}", i, j), s)
        }
    }
}

/// How one run ended.
enum End {
    Exited,
    TimedOut,
    Crashed(String),
}

fn run_limited(file: &Path, dir: &Path, limit: Duration) -> End {
    let mut child = Command::new(env!("CARGO_BIN_EXE_retort"))
        .arg("run")
        .arg(file)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn retort");
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut v);
        v
    });
    let t0 = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break Some(st);
        }
        if t0.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(3));
    };
    let err = String::from_utf8_lossy(&reader.join().unwrap_or_default()).into_owned();
    let Some(status) = status else { return End::TimedOut };
    let tail: String = err.chars().rev().take(600).collect::<Vec<_>>().into_iter().rev().collect();
    if err.contains("panicked") || err.contains("fatal runtime error") {
        return End::Crashed(format!("panic: {tail}"));
    }
    if status.code().is_none() {
        use std::os::unix::process::ExitStatusExt;
        return End::Crashed(format!("killed by signal {:?}: {tail}", status.signal()));
    }
    End::Exited
}

#[test]
fn mutated_golden_programs_never_crash_the_vm() {
    let seed: u64 = std::env::var("RETORT_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_1414);
    let budget = Duration::from_secs(std::env::var("RETORT_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(20));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut sources: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "exs"))
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    sources.sort();
    assert!(sources.len() > 50, "golden programs not found in {}", root.display());
    let dir = std::env::temp_dir().join(format!("retort_fuzz_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sources = Arc::new(sources);
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let counts = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
    let start = Instant::now();
    let workers: Vec<_> = (0..2u64)
        .map(|w| {
            let (sources, failures, counts, dir) = (sources.clone(), failures.clone(), counts.clone(), dir.clone());
            std::thread::spawn(move || {
                let mut case = w;
                while start.elapsed() < budget {
                    let mut rng = Rng(seed ^ (case.wrapping_add(1)).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
                    let (path, src) = &sources[rng.below(sources.len())];
                    let other = &sources[rng.below(sources.len())].1;
                    let (what, mutant) = mutate(&mut rng, src, other);
                    let file = dir.join(format!("case{case}.exs"));
                    std::fs::write(&file, &mutant).unwrap();
                    match run_limited(&file, &dir, Duration::from_secs(3)) {
                        End::Exited => {
                            counts[0].fetch_add(1, Ordering::Relaxed);
                            let _ = std::fs::remove_file(&file);
                        }
                        End::TimedOut => {
                            counts[1].fetch_add(1, Ordering::Relaxed);
                            let _ = std::fs::remove_file(&file);
                        }
                        End::Crashed(why) => {
                            let name = path.file_name().unwrap().to_string_lossy().into_owned();
                            failures.lock().unwrap().push(format!("seed {seed} case {case} ({name}, {what}), kept as {}: {why}", file.display()));
                        }
                    }
                    case += 2;
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let (exited, timed_out) = (counts[0].load(Ordering::Relaxed), counts[1].load(Ordering::Relaxed));
    let failures = failures.lock().unwrap();
    eprintln!("fuzz: {exited} mutants ended, {timed_out} cut at the time limit, {} crashed", failures.len());
    assert!(exited > 50, "too few mutants ran: {exited}");
    assert!(failures.is_empty(), "{} mutants crashed the VM:\n{}", failures.len(), failures.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}
