//! The bytecode file format for one module (`Elixir.Mod.rbc`):
//!
//! | offset | size | content                                        |
//! |--------|------|------------------------------------------------|
//! | 0      | 4    | magic `RBC1`                                   |
//! | 4      | 2    | format version (little-endian u16), currently 6 |
//! | 6      | 16   | the module's MD5                                |
//! | 22     | 16   | checksum: MD5 of the module's MD5 and the body  |
//! | 38     | n    | body: the [`ModuleImage`] encoded with postcard |
//!
//! The module's MD5 (`module_info(:md5)`, a fun's identity, a release manifest's entry) is the
//! MD5 of the body encoded with an empty `file` field: as the BEAM leaves the compile
//! information out of a module's MD5, the same source compiled from another directory has the
//! same MD5, so an upgrade does not reload a module that did not change. The checksum covers
//! the module's MD5 and the body as stored (path included), and is what the decoder checks.

use super::image::ModuleImage;
use md5::{Digest, Md5};

/// The magic number that starts every bytecode file.
pub const MAGIC: &[u8; 4] = b"RBC1";
/// The format version: bumped whenever the encoding of the image changes (2: the bitstring
/// instructions were inserted before the calls, renumbering the later opcodes; 3: `Take`,
/// `ArithI` and `TestI` were inserted, renumbering again; 4: `IsTaggedTuple` was inserted
/// after `IsElemEqLit`; 5: `MapLit` was inserted after `Map`; 6: the module's MD5 leaves the
/// source path out, and a checksum of the stored body follows it; 7: the `Abs` instruction
/// was added; 8: `ConsTake` was inserted after `Cons`; 9: `Send` was inserted before the
/// receive instructions).
pub const VERSION: u16 = 9;
/// The extension of bytecode files (`:code.objfile_extension/0`).
pub const EXTENSION: &str = ".rbc";
const HEADER: usize = 4 + 2 + 16 + 16;

/// Encodes an image into the file format.
pub fn encode(image: &ModuleImage) -> Vec<u8> {
    let body = postcard::to_stdvec(image).unwrap_or_default();
    let module_md5 = if image.file.is_empty() {
        Md5::digest(&body)
    } else {
        let without_path = ModuleImage { file: String::new(), ..image.clone() };
        Md5::digest(postcard::to_stdvec(&without_path).unwrap_or_default())
    };
    let checksum = checksum(&module_md5, &body);
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&module_md5);
    out.extend_from_slice(&checksum);
    out.extend_from_slice(&body);
    out
}

/// The checksum of a file: the MD5 of its module MD5 followed by its body.
fn checksum(module_md5: &[u8], body: &[u8]) -> [u8; 16] {
    Md5::new().chain_update(module_md5).chain_update(body).finalize().into()
}

/// The module MD5 recorded in an encoded file (see the module documentation: the source
/// path is not part of it).
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
    if checksum(&bytes[6..22], body).as_slice() != &bytes[22..HEADER] {
        return Err("checksum mismatch: the file is corrupted or truncated".into());
    }
    match postcard::take_from_bytes::<ModuleImage>(body) {
        Ok((image, [])) => Ok(image),
        Ok((_, rest)) => Err(format!("malformed module image: {} bytes after its end", rest.len())),
        Err(e) => Err(format!("malformed module image: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(file: &str, name: &str) -> ModuleImage {
        ModuleImage { name: name.to_string(), file: file.to_string(), ..Default::default() }
    }

    /// The same module compiled from two directories has one MD5 (the BEAM leaves the compile
    /// information out of it too); another module has another.
    #[test]
    fn the_module_md5_leaves_the_source_path_out() {
        let a = encode(&image("v1/store.ex", "Elixir.Store"));
        let b = encode(&image("/elsewhere/v2/store.ex", "Elixir.Store"));
        assert_ne!(a, b);
        assert_eq!(md5_of(&a), md5_of(&b));
        assert_ne!(md5_of(&a), md5_of(&encode(&image("v1/store.ex", "Elixir.Other"))));
        assert_eq!(decode(&b).map(|i| i.file), Ok("/elsewhere/v2/store.ex".to_string()));
    }

    /// The checksum covers the module MD5 and the stored body, path included: a flipped byte
    /// of either is refused.
    #[test]
    fn a_flipped_byte_of_the_path_fails_the_checksum() {
        let mut bytes = encode(&image("lib/store.ex", "Elixir.Store"));
        let at = bytes.windows(5).position(|w| w == b"store").unwrap_or(0);
        assert!(at > HEADER);
        bytes[at] ^= 0x01;
        assert_eq!(decode(&bytes).err(), Some("checksum mismatch: the file is corrupted or truncated".to_string()));
        let mut bytes = encode(&image("lib/store.ex", "Elixir.Store"));
        bytes[7] ^= 0x80;
        assert_eq!(decode(&bytes).err(), Some("checksum mismatch: the file is corrupted or truncated".to_string()));
    }
}
