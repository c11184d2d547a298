//! SHA-256 digests written as lowercase hex: how hark names the content of a file (an
//! article in the manifest, a voice's model in the cache) or a set of settings (a podcast
//! episode's key).

use sha2::Digest;

/// `bytes` as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of `bytes`, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&sha2::Sha256::digest(bytes))
}

/// The first 8 bytes of the SHA-256 of `bytes`, in hex: a short name, not a check.
pub fn short_hex(bytes: &[u8]) -> String {
    hex(&sha2::Sha256::digest(bytes)[..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_in_hex() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(short_hex(b"abc"), "ba7816bf8f01cfea");
    }
}
