//! Writing RDB files a piece at a time, so a server can snapshot shard by shard while it
//! serves: header, aux fields, then keys in any order (a database switch is written when the
//! database changes), then the end marker and checksum.
//!
//! Keys can also be turned into bytes away from the file ([`key_record`]), say on the shard
//! that owns them, and handed to the encoder with [`Encoder::records`]: the checksum covers
//! whatever passes through the encoder, in order.

mod stream;
mod string;
mod value;

use std::io::{self, Write};

use engine::Value;

use crate::crc64::crc64;
use crate::format::{opcodes, RDB_VERSION, REDIS_VERSION};

pub use string::{write_int, write_len, write_raw, write_string};
pub use value::{value_type, write_body, write_value};

/// Appends one key's record: its deadline when it has one, then type, key and value.
pub fn key_record(out: &mut Vec<u8>, key: &[u8], value: &Value, expire_at_ms: Option<i64>) {
    if let Some(at) = expire_at_ms {
        out.push(opcodes::EXPIRETIME_MS);
        out.extend_from_slice(&at.to_le_bytes());
    }
    out.push(value_type(value));
    write_string(out, key);
    write_body(out, value);
}

/// The aux fields Redis 7.0 writes at the start of a snapshot.
#[derive(Debug, Clone, Copy)]
pub struct SnapshotInfo {
    /// Creation time, Unix seconds (`ctime`).
    pub ctime_s: i64,
    /// Memory in use when the snapshot started (`used-mem`).
    pub used_mem: u64,
    /// Whether this RDB is the base of an AOF (`aof-base`).
    pub aof_base: bool,
}

/// Writes an RDB file to `W`, checksumming as it goes.
#[derive(Debug)]
pub struct Encoder<W: Write> {
    out: W,
    crc: u64,
    db: Option<u32>,
    buf: Vec<u8>,
}

impl<W: Write> Encoder<W> {
    /// An encoder writing to `out`; nothing is written yet.
    pub fn new(out: W) -> Encoder<W> {
        Encoder {
            out,
            crc: 0,
            db: None,
            buf: Vec::new(),
        }
    }

    /// The magic and version: `REDIS0010`.
    pub fn header(&mut self) -> io::Result<()> {
        self.emit(format!("REDIS{RDB_VERSION:04}").as_bytes())
    }

    /// The aux fields Redis 7.0 writes: `redis-ver`, `redis-bits`, `ctime`, `used-mem`,
    /// `aof-base`.
    pub fn standard_aux(&mut self, info: &SnapshotInfo) -> io::Result<()> {
        self.aux(b"redis-ver", REDIS_VERSION.as_bytes())?;
        self.aux_int(b"redis-bits", 64)?;
        self.aux_int(b"ctime", info.ctime_s)?;
        self.aux_int(
            b"used-mem",
            i64::try_from(info.used_mem).unwrap_or(i64::MAX),
        )?;
        self.aux_int(b"aof-base", i64::from(info.aof_base))
    }

    /// One aux field with a string value.
    pub fn aux(&mut self, name: &[u8], value: &[u8]) -> io::Result<()> {
        self.buf.clear();
        self.buf.push(opcodes::AUX);
        write_string(&mut self.buf, name);
        write_string(&mut self.buf, value);
        self.flush_buf()
    }

    /// One aux field with an integer value (written as Redis's `rdbSaveAuxFieldStrInt`).
    pub fn aux_int(&mut self, name: &[u8], value: i64) -> io::Result<()> {
        self.aux(name, value.to_string().as_bytes())
    }

    /// A function library's code (FUNCTION2).
    pub fn function(&mut self, code: &[u8]) -> io::Result<()> {
        self.buf.clear();
        self.buf.push(opcodes::FUNCTION2);
        write_string(&mut self.buf, code);
        self.flush_buf()
    }

    /// Switches to database `db`.
    pub fn select_db(&mut self, db: u32) -> io::Result<()> {
        self.buf.clear();
        self.buf.push(opcodes::SELECTDB);
        write_len(&mut self.buf, u64::from(db));
        self.db = Some(db);
        self.flush_buf()
    }

    /// The sizing hint after a database switch: keys, and keys with a deadline.
    pub fn resize_db(&mut self, keys: u64, expires: u64) -> io::Result<()> {
        self.buf.clear();
        self.buf.push(opcodes::RESIZEDB);
        write_len(&mut self.buf, keys);
        write_len(&mut self.buf, expires);
        self.flush_buf()
    }

    /// One key of database `db`, switching database first when needed.
    pub fn key(
        &mut self,
        db: u32,
        key: &[u8],
        value: &Value,
        expire_at_ms: Option<i64>,
    ) -> io::Result<()> {
        if self.db != Some(db) {
            self.select_db(db)?;
        }
        self.buf.clear();
        key_record(&mut self.buf, key, value, expire_at_ms);
        self.flush_buf()
    }

    /// Records made by [`key_record`] for database `db`.
    pub fn records(&mut self, db: u32, bytes: &[u8]) -> io::Result<()> {
        if self.db != Some(db) {
            self.select_db(db)?;
        }
        self.emit(bytes)
    }

    /// The end marker and the checksum; returns the writer (not flushed or synced).
    pub fn finish(mut self) -> io::Result<W> {
        self.emit(&[opcodes::EOF])?;
        let crc = self.crc;
        self.out.write_all(&crc.to_le_bytes())?;
        Ok(self.out)
    }

    fn flush_buf(&mut self) -> io::Result<()> {
        let buf = std::mem::take(&mut self.buf);
        let result = self.emit(&buf);
        self.buf = buf;
        result
    }

    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.crc = crc64(self.crc, bytes);
        self.out.write_all(bytes)
    }
}
