//! The code server: module instances, the module table (current/old per module), loading,
//! purging. Nothing else mutates the module table.
pub mod loader;
pub mod module;
pub mod purge;
pub mod table;
