//! Loading RDB files key by key: a [`Decoder`] yields each key with its database and
//! deadline as soon as it is read, so a server can route it to its shard while the rest of
//! the file streams in.

mod source;
mod stream;
mod value;

use std::io::{BufReader, Read};

use bytes::Bytes;
use engine::{EncodingLimits, Value};

use crate::error::RdbError;
use crate::format::{opcodes, type_name, types, RDB_VERSION_MAX_READ};

pub(crate) use source::Source;
pub(crate) use value::load_value;

/// One key read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyEntry {
    /// The database it belongs to.
    pub db: u32,
    /// The key.
    pub key: Bytes,
    /// The value, in the encoding ringkv's limits give it.
    pub value: Value,
    /// The deadline, Unix milliseconds; keys already past it are yielded too, for the caller
    /// to drop (Redis drops them when it loads as a primary).
    pub expire_at_ms: Option<i64>,
}

/// Something read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// An aux field (`redis-ver`, `ctime`, ...).
    Aux {
        /// The field's name.
        name: Bytes,
        /// Its value.
        value: Bytes,
    },
    /// The sizes of the current database's tables, a hint before its keys.
    ResizeDb {
        /// The database.
        db: u32,
        /// Keys in it.
        keys: u64,
        /// Keys with a deadline.
        expires: u64,
    },
    /// A function library's code.
    Function(Bytes),
    /// A key.
    Key(KeyEntry),
}

/// Reads an RDB file item by item; the checksum is verified when the end marker is reached.
pub struct Decoder<R: Read> {
    src: Source<BufReader<R>>,
    limits: EncodingLimits,
    version: u16,
    db: u32,
    done: bool,
    empty_keys_skipped: u64,
}

impl<R: Read> Decoder<R> {
    /// Reads and checks the header of `reader`; values are built with `limits`.
    pub fn new(reader: R, limits: EncodingLimits) -> Result<Decoder<R>, RdbError> {
        let mut src = Source::new(BufReader::with_capacity(1 << 16, reader));
        let magic: [u8; 9] = src.array()?;
        if &magic[..5] != b"REDIS" {
            return Err(RdbError::BadSignature);
        }
        let version = std::str::from_utf8(&magic[5..])
            .ok()
            .and_then(|digits| digits.parse::<u32>().ok())
            .ok_or(RdbError::BadSignature)?;
        if !(1..=u32::from(RDB_VERSION_MAX_READ)).contains(&version) {
            return Err(RdbError::UnsupportedVersion(version));
        }
        Ok(Decoder {
            src,
            limits,
            version: version as u16,
            db: 0,
            done: false,
            empty_keys_skipped: 0,
        })
    }

    /// The file's RDB version.
    pub fn version(&self) -> u16 {
        self.version
    }

    /// Keys holding empty collections, skipped as Redis skips them.
    pub fn empty_keys_skipped(&self) -> u64 {
        self.empty_keys_skipped
    }

    /// The next item, or `None` after the end marker (checksum verified).
    pub fn next_item(&mut self) -> Result<Option<Item>, RdbError> {
        let mut expire_at_ms = None;
        while !self.done {
            let op = self.src.byte()?;
            match op {
                opcodes::EXPIRETIME => {
                    let secs = i32::from_le_bytes(self.src.array()?);
                    expire_at_ms = Some(i64::from(secs) * 1000);
                }
                opcodes::EXPIRETIME_MS => {
                    expire_at_ms = Some(i64::from_le_bytes(self.src.array()?));
                }
                opcodes::FREQ => {
                    self.src.byte()?;
                }
                opcodes::IDLE => {
                    self.src.length()?;
                }
                opcodes::EOF => {
                    self.done = true;
                    self.verify_checksum()?;
                }
                opcodes::SELECTDB => {
                    self.db = u32::try_from(self.src.length()?)
                        .map_err(|_| RdbError::corrupt("database index out of range"))?;
                }
                opcodes::RESIZEDB => {
                    let keys = self.src.length()?;
                    let expires = self.src.length()?;
                    return Ok(Some(Item::ResizeDb {
                        db: self.db,
                        keys,
                        expires,
                    }));
                }
                opcodes::AUX => {
                    let name = Bytes::from(self.src.string()?);
                    let value = Bytes::from(self.src.string()?);
                    return Ok(Some(Item::Aux { name, value }));
                }
                opcodes::FUNCTION2 => {
                    return Ok(Some(Item::Function(Bytes::from(self.src.string()?))));
                }
                opcodes::FUNCTION_PRE_GA => {
                    return Err(RdbError::UnsupportedOpcode(
                        "functions in the pre-GA format",
                    ))
                }
                opcodes::MODULE_AUX => return Err(RdbError::UnsupportedOpcode("module aux data")),
                t => {
                    if let Some(entry) = self.key(t, expire_at_ms.take())? {
                        return Ok(Some(Item::Key(entry)));
                    }
                }
            }
        }
        Ok(None)
    }

    /// A key of type `t`; `None` when it holds an empty collection.
    fn key(&mut self, t: u8, expire_at_ms: Option<i64>) -> Result<Option<KeyEntry>, RdbError> {
        if type_name(t) == "unknown" {
            return Err(RdbError::UnknownType(t));
        }
        let key = Bytes::from(self.src.string()?);
        refuse_unsupported(t, &key)?;
        match load_value(&mut self.src, t, &self.limits)? {
            Some(value) => Ok(Some(KeyEntry {
                db: self.db,
                key,
                value,
                expire_at_ms,
            })),
            None => {
                self.empty_keys_skipped += 1;
                Ok(None)
            }
        }
    }

    fn verify_checksum(&mut self) -> Result<(), RdbError> {
        if self.version < 5 {
            return Ok(());
        }
        let actual = self.src.crc();
        let expected = u64::from_le_bytes(self.src.array()?);
        if expected != 0 && expected != actual {
            return Err(RdbError::Checksum { expected, actual });
        }
        Ok(())
    }
}

/// Refuses the types ringkv has no value for (module values), naming the key.
pub(crate) fn refuse_unsupported(t: u8, key: &[u8]) -> Result<(), RdbError> {
    let unsupported = matches!(t, types::MODULE_PRE_GA | types::MODULE_2);
    if unsupported {
        return Err(RdbError::Unsupported {
            key: String::from_utf8_lossy(key).into_owned(),
            type_name: type_name(t),
            rdb_type: t,
        });
    }
    Ok(())
}

impl<R: Read> Iterator for Decoder<R> {
    type Item = Result<Item, RdbError>;

    /// Items until the end marker; after an error, nothing more.
    fn next(&mut self) -> Option<Self::Item> {
        match self.next_item() {
            Ok(item) => item.map(Ok),
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}
