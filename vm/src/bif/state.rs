//! The natives' own state, one per VM (`Vm::bif`): what `:erlang.unique_integer`, aliases, the
//! logger level, `:rand`, `Regex` and the `:ets` tables remember between calls. It lives in the `Vm` (never in a
//! thread-local or a static), so two VMs, on one thread or on two, never see each other's.

use super::regex::RegexCache;
use ahash::AHashSet;

/// The per-VM state of the natives (see the module documentation).
pub struct BifState {
    /// The last `:erlang.unique_integer/0,1` handed out (counts up from 0 in each VM, so a
    /// seeded run replays alike whatever ran before it).
    pub unique: i64,
    /// Active aliases (`:erlang.alias/0,1`): (owner pid number, reference).
    pub aliases: AHashSet<(u32, u64)>,
    /// The logger's primary level as a severity (0 = emergency .. 7 = debug); -1 = `:none`.
    pub log_level: i32,
    /// The xorshift64* state of `:rand.uniform/0,1` (never 0).
    pub rand: u64,
    /// Compiled regexes by source and flags.
    pub regex: RegexCache,
    /// The `:ets` tables (`ets_table.rs`).
    pub ets: super::ets_table::EtsTables,
}

impl Default for BifState {
    fn default() -> Self {
        let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(88172645463325252);
        BifState { unique: 0, aliases: AHashSet::new(), log_level: 7, rand: seed | 1, regex: RegexCache::new(), ets: Default::default() }
    }
}
