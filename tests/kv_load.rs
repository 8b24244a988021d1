//! The zero-downtime upgrade under load (issue 13, item 5): an external client (this test's
//! threads, a separate OS process from the node) keeps 50 connections to `examples/kv_server`
//! busy with requests whose replies it checks, while the node is upgraded three times with
//! `retort upgrade`: v1 -> v2 (the store's state changes shape), v2 -> v3_broken (its
//! code_change raises: rolled back), v2 -> v3 (adds COUNT). No request may fail or be lost,
//! no connection may drop, and every connection, opened under v1, must be answered by v3's
//! new command at the end. Bounded: about 4 s of load. The latencies (p50/p99) during the
//! upgrades and in steady state are printed (`--nocapture` shows them).

#[path = "common/node.rs"]
mod common;

use common::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 50;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[test]
fn fifty_busy_connections_lose_nothing_across_three_upgrades() {
    let dir = scratch("load");
    let v1 = release(&dir, "v1");
    let v2 = release(&dir, "v2");
    let broken = release(&dir, "v3_broken");
    let v3 = release(&dir, "v3");
    let node = Node::start(&dir, &v1, "kvload");
    let stop = Arc::new(AtomicBool::new(false));
    let t0 = Instant::now();
    // (start offset, latency) of every request; failures as text.
    let samples = Arc::new(Mutex::new(Vec::<(Duration, Duration)>::new()));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut clients = Vec::new();
    for t in 0..CONNECTIONS {
        let mut c = Conn::open(node.port);
        let (stop, samples, failures) = (stop.clone(), samples.clone(), failures.clone());
        clients.push(std::thread::spawn(move || {
            let mut mine = Vec::new();
            let mut i = 0u64;
            while !stop.load(Ordering::Relaxed) {
                for (req, want) in [(format!("PUT k{t}-{i} v{i}"), "OK".to_string()), (format!("GET k{t}-{i}"), format!("VALUE v{i}"))] {
                    let start = Instant::now();
                    let got = c.ask_checked(&req);
                    mine.push((start - t0, start.elapsed()));
                    match got {
                        Ok(r) if r == want => {}
                        Ok(r) => failures.lock().unwrap().push(format!("connection {t}: {req:?} answered {r:?}, expected {want:?}")),
                        Err(e) => {
                            failures.lock().unwrap().push(format!("connection {t}: {req:?} failed: {e}"));
                            samples.lock().unwrap().extend(mine);
                            return None;
                        }
                    }
                }
                i += 1;
            }
            samples.lock().unwrap().extend(mine);
            Some((c, i))
        }));
    }
    let mut windows = Vec::new();
    let mut upgrade = |to: &std::path::Path, want: i32| {
        std::thread::sleep(Duration::from_millis(700));
        let a = t0.elapsed();
        let o = node.retort(&["upgrade", "kvload", "--to", to.to_str().unwrap()]);
        windows.push((a, t0.elapsed()));
        assert_eq!(o.code, Some(want), "upgrade to {}: {}{}", to.display(), o.stdout, o.stderr);
        o
    };
    upgrade(&v2, 0);
    let o = upgrade(&broken, 1);
    assert!(o.stderr.contains("upgrade rolled back: code_change of KVServer.Store failed"), "{}", o.stderr);
    upgrade(&v3, 0);
    std::thread::sleep(Duration::from_millis(700));
    stop.store(true, Ordering::Relaxed);
    let mut conns = Vec::new();
    for h in clients {
        conns.push(h.join().unwrap());
    }
    let failures = failures.lock().unwrap().clone();
    assert!(failures.is_empty(), "{} failed requests, first: {:?}", failures.len(), &failures[..failures.len().min(5)]);
    // Every connection survived, was busy, and is now answered by v3's new command.
    let mut total = 0;
    for (t, c) in conns.into_iter().enumerate() {
        let (mut c, n) = c.unwrap_or_else(|| panic!("connection {t} dropped"));
        assert!(n > 0, "connection {t} made no requests");
        total += n;
        let r = c.ask("COUNT");
        assert!(r.starts_with("COUNT "), "connection {t} is not served by v3: {r}");
    }
    // The data written under every version is there, in v2's state shape.
    let o = node.rpc("s = :sys.get_state(KVServer.Store); {map_size(s.data), Map.keys(s)}");
    assert_eq!(o.stdout, format!("{{{total}, [:data, :writes]}}\n"), "{}", o.stderr);

    let samples = samples.lock().unwrap();
    let during = |at: Duration| windows.iter().any(|(a, b)| at >= *a && at <= *b);
    let mut busy: Vec<Duration> = samples.iter().filter(|(at, _)| during(*at)).map(|s| s.1).collect();
    let mut steady: Vec<Duration> = samples.iter().filter(|(at, _)| !during(*at)).map(|s| s.1).collect();
    busy.sort();
    steady.sort();
    assert!(!busy.is_empty(), "no request was made during an upgrade");
    println!(
        "kv_load: {} requests on {CONNECTIONS} connections, 0 failed; steady p50 {:?} p99 {:?} ({} requests); during upgrades p50 {:?} p99 {:?} ({} requests); upgrade windows {:?}",
        samples.len(),
        percentile(&steady, 0.5),
        percentile(&steady, 0.99),
        steady.len(),
        percentile(&busy, 0.5),
        percentile(&busy, 0.99),
        busy.len(),
        windows.iter().map(|(a, b)| *b - *a).collect::<Vec<_>>()
    );
}
