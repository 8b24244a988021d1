//! Operating-system I/O the scheduler waits on: `tcp.rs`, the TCP sockets behind `:gen_tcp`.

pub mod tcp;
