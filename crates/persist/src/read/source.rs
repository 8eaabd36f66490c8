//! The RDB's primitive encodings, read from any `std::io::Read` while checksumming what
//! passes.

use std::io::Read;

use crate::crc64::crc64;
use crate::error::RdbError;
use crate::format::enc;
use crate::lzf;

/// A length field: a plain length, or the tag of a special string encoding.
enum Len {
    Plain(u64),
    Encoded(u8),
}

/// A reader of RDB primitives that keeps the CRC-64 of every byte read.
pub(crate) struct Source<R> {
    inner: R,
    crc: u64,
}

impl<R: Read> Source<R> {
    pub fn new(inner: R) -> Source<R> {
        Source { inner, crc: 0 }
    }

    /// The checksum of everything read so far.
    pub fn crc(&self) -> u64 {
        self.crc
    }

    /// Exactly `N` bytes.
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], RdbError> {
        let mut buf = [0u8; N];
        self.inner.read_exact(&mut buf)?;
        self.crc = crc64(self.crc, &buf);
        Ok(buf)
    }

    /// One byte.
    pub fn byte(&mut self) -> Result<u8, RdbError> {
        Ok(self.array::<1>()?[0])
    }

    /// Exactly `n` bytes, without trusting `n` for the allocation (a corrupt length must
    /// fail at the end of the input, not exhaust memory).
    pub fn exact(&mut self, n: u64) -> Result<Vec<u8>, RdbError> {
        let mut buf = Vec::with_capacity(n.min(1 << 20) as usize);
        (&mut self.inner).take(n).read_to_end(&mut buf)?;
        if buf.len() as u64 != n {
            return Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof).into());
        }
        self.crc = crc64(self.crc, &buf);
        Ok(buf)
    }

    fn len_field(&mut self) -> Result<Len, RdbError> {
        let first = self.byte()?;
        Ok(match first >> 6 {
            0 => Len::Plain(u64::from(first & 0x3F)),
            1 => Len::Plain((u64::from(first & 0x3F) << 8) | u64::from(self.byte()?)),
            2 => match first {
                0x80 => Len::Plain(u64::from(u32::from_be_bytes(self.array()?))),
                0x81 => Len::Plain(u64::from_be_bytes(self.array()?)),
                _ => return Err(RdbError::corrupt(format!("unknown length tag {first:#x}"))),
            },
            _ => Len::Encoded(first & 0x3F),
        })
    }

    /// A plain length.
    pub fn length(&mut self) -> Result<u64, RdbError> {
        match self.len_field()? {
            Len::Plain(n) => Ok(n),
            Len::Encoded(_) => Err(RdbError::corrupt("encoded value where a length belongs")),
        }
    }

    /// A length that must fit in memory as a count.
    pub fn count(&mut self) -> Result<usize, RdbError> {
        usize::try_from(self.length()?).map_err(|_| RdbError::corrupt("length out of range"))
    }

    /// A string in any of its encodings.
    pub fn string(&mut self) -> Result<Vec<u8>, RdbError> {
        match self.len_field()? {
            Len::Plain(n) => self.exact(n),
            Len::Encoded(enc::INT8) => Ok((self.array::<1>()?[0] as i8).to_string().into_bytes()),
            Len::Encoded(enc::INT16) => {
                Ok(i16::from_le_bytes(self.array()?).to_string().into_bytes())
            }
            Len::Encoded(enc::INT32) => {
                Ok(i32::from_le_bytes(self.array()?).to_string().into_bytes())
            }
            Len::Encoded(enc::LZF) => {
                let packed_len = self.length()?;
                let len = self.count()?;
                let packed = self.exact(packed_len)?;
                lzf::decompress(&packed, len).ok_or_else(|| RdbError::corrupt("bad LZF data"))
            }
            Len::Encoded(other) => Err(RdbError::corrupt(format!(
                "unknown string encoding {other}"
            ))),
        }
    }

    /// A score as 8 bytes, little endian (`ZSET_2`).
    pub fn binary_double(&mut self) -> Result<f64, RdbError> {
        Ok(f64::from_le_bytes(self.array()?))
    }

    /// A score as text after a length byte, with 253/254/255 for nan/+inf/-inf (`ZSET`).
    pub fn text_double(&mut self) -> Result<f64, RdbError> {
        match self.byte()? {
            253 => Ok(f64::NAN),
            254 => Ok(f64::INFINITY),
            255 => Ok(f64::NEG_INFINITY),
            len => {
                let text = self.exact(u64::from(len))?;
                parse_double(&text).ok_or_else(|| RdbError::corrupt("bad score text"))
            }
        }
    }
}

/// A double written as text (`%.17g`, `inf`, an integer...).
pub(crate) fn parse_double(text: &[u8]) -> Option<f64> {
    std::str::from_utf8(text).ok()?.trim().parse().ok()
}
