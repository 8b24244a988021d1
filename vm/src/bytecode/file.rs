//! The bytecode file format for one module (`Elixir.Mod.rbc`):
//!
//! | offset | size | content                                        |
//! |--------|------|------------------------------------------------|
//! | 0      | 4    | magic `RBC1`                                   |
//! | 4      | 2    | format version (little-endian u16), currently 5 |
//! | 6      | 16   | MD5 of the body                                 |
//! | 22     | n    | body: the [`ModuleImage`] encoded with postcard |
//!
//! The MD5 of the body is the module's MD5 (`module_info(:md5)`).

use super::image::ModuleImage;
use md5::{Digest, Md5};

/// The magic number that starts every bytecode file.
pub const MAGIC: &[u8; 4] = b"RBC1";
/// The format version: bumped whenever the encoding of the image changes (2: the bitstring
/// instructions were inserted before the calls, renumbering the later opcodes; 3: `Take`,
/// `ArithI` and `TestI` were inserted, renumbering again; 4: `IsTaggedTuple` was inserted
/// after `IsElemEqLit`; 5: `MapLit` was inserted after `Map`).
pub const VERSION: u16 = 5;
/// The extension of bytecode files (`:code.objfile_extension/0`).
pub const EXTENSION: &str = ".rbc";
const HEADER: usize = 4 + 2 + 16;

/// Encodes an image into the file format.
pub fn encode(image: &ModuleImage) -> Vec<u8> {
    let body = postcard::to_stdvec(image).unwrap_or_default();
    let digest = Md5::digest(&body);
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&digest);
    out.extend_from_slice(&body);
    out
}

/// The module MD5 recorded in an encoded file.
pub fn md5_of(encoded: &[u8]) -> [u8; 16] {
    let mut m = [0u8; 16];
    if encoded.len() >= HEADER {
        m.copy_from_slice(&encoded[6..22]);
    }
    m
}

/// Decodes a file: checks magic, version and checksum. Never panics on any input.
pub fn decode(bytes: &[u8]) -> Result<ModuleImage, String> {
    if bytes.len() < HEADER || &bytes[0..4] != MAGIC {
        return Err("not a retort bytecode file (bad magic number)".into());
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != VERSION {
        return Err(format!("unsupported bytecode format version {version}"));
    }
    let body = &bytes[HEADER..];
    if Md5::digest(body).as_slice() != &bytes[6..22] {
        return Err("checksum mismatch: the file is corrupted or truncated".into());
    }
    match postcard::take_from_bytes::<ModuleImage>(body) {
        Ok((image, [])) => Ok(image),
        Ok((_, rest)) => Err(format!("malformed module image: {} bytes after its end", rest.len())),
        Err(e) => Err(format!("malformed module image: {e}")),
    }
}
