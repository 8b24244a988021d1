//! The data of an output capture a process holds (`ExUnit.CaptureIO`, `ExUnit.CaptureLog`);
//! the natives that start, fill and end captures are in `bif/capture.rs`.

/// What a capture collects.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Device {
    Stdout,
    Stderr,
    Log,
}

/// One capture in force: the device, the text collected, and the input still to be read.
#[derive(Debug)]
pub struct Capture {
    pub device: Device,
    pub buf: Vec<u8>,
    pub input: Vec<u8>,
    pub input_pos: usize,
}
