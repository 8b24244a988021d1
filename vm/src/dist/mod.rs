//! Erlang distribution: a retort node in a BEAM cluster (see `docs/distribution.md`... and
//! the notes in ARCHITECTURE.md). `ext.rs`: this node's identity and other nodes' pids and
//! references as terms.

pub mod ext;
