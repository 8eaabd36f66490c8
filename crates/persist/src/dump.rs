//! DUMP and RESTORE payloads: `<type><body>`, the RDB version as two bytes little endian, and
//! the CRC-64 of everything before it, little endian (Redis's `createDumpPayload` and
//! `verifyDumpPayload`).

use engine::{EncodingLimits, Value};

use crate::crc64::crc64;
use crate::format::{RDB_VERSION, RDB_VERSION_MAX_READ};
use crate::read::{load_value, refuse_unsupported, Source};
use crate::write::write_value;

/// Why a RESTORE payload is refused; the two cases carry different errors in Redis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayloadError {
    /// Too short, from a newer version, or the checksum differs.
    VersionOrChecksum,
    /// The body does not decode to a value ringkv can hold (or holds an empty collection).
    BadData,
}

/// The DUMP payload of `value`.
pub fn dump(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write_value(&mut out, value);
    out.extend_from_slice(&RDB_VERSION.to_le_bytes());
    let crc = crc64(0, &out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

/// Checks the version and checksum of a payload and returns its body.
pub fn verify(payload: &[u8]) -> Result<&[u8], PayloadError> {
    let Some(body_len) = payload.len().checked_sub(10) else {
        return Err(PayloadError::VersionOrChecksum);
    };
    let (body, footer) = payload.split_at(body_len);
    let version = u16::from_le_bytes([footer[0], footer[1]]);
    if version > RDB_VERSION_MAX_READ {
        return Err(PayloadError::VersionOrChecksum);
    }
    let mut stored = [0u8; 8];
    stored.copy_from_slice(&footer[2..]);
    if crc64(0, &payload[..body_len + 2]) != u64::from_le_bytes(stored) {
        return Err(PayloadError::VersionOrChecksum);
    }
    Ok(body)
}

/// The value of a RESTORE payload, built with `limits`.
pub fn restore(payload: &[u8], limits: &EncodingLimits) -> Result<Value, PayloadError> {
    verify(payload)?;
    // Redis reads the body from the whole payload: a body that claims more bytes than it has
    // takes them from the version and checksum, and that is accepted there too.
    let mut src = Source::new(payload);
    let t = src.byte().map_err(|_| PayloadError::BadData)?;
    refuse_unsupported(t, b"").map_err(|_| PayloadError::BadData)?;
    match load_value(&mut src, t, limits) {
        Ok(Some(value)) => Ok(value),
        _ => Err(PayloadError::BadData),
    }
}
