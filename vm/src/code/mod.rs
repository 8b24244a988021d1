//! The code server: module instances, the module table (current/old), loading and purging.
pub mod module;
