//! Typed access to the collection under a key, with Redis's lookup rules: reads count keyspace
//! hits and misses (`lookupKeyRead`), writes do not (`lookupKeyWrite`); both record the access
//! unless the client asked for NO-TOUCH; a key holding another type is WRONGTYPE.

use engine::{
    EncodingLimits, Entry, HashValue, ListValue, SetValue, StreamValue, Value, ZSetValue,
};
use resp::Reply;

use crate::{errors, ShardCtx};

/// A value type that can live under a key.
pub(crate) trait Typed: Sized {
    /// The value as this type, if it is one.
    fn from_value(value: &mut Value) -> Option<&mut Self>;
    /// The value wrapping this type.
    fn into_value(self) -> Value;
}

macro_rules! typed {
    ($ty:ty, $variant:ident) => {
        impl Typed for $ty {
            #[inline]
            fn from_value(value: &mut Value) -> Option<&mut Self> {
                match value {
                    Value::$variant(v) => Some(v),
                    _ => None,
                }
            }

            fn into_value(self) -> Value {
                Value::$variant(self)
            }
        }
    };
}

typed!(ListValue, List);
typed!(HashValue, Hash);
typed!(SetValue, Set);
typed!(ZSetValue, ZSet);

/// Streams are boxed in [`Value`] (larger than the slot every key pays for).
impl Typed for StreamValue {
    #[inline]
    fn from_value(value: &mut Value) -> Option<&mut Self> {
        match value {
            Value::Stream(v) => Some(v),
            _ => None,
        }
    }

    fn into_value(self) -> Value {
        Value::Stream(Box::new(self))
    }
}

/// The live entry under `key`, the access recorded unless the client asked for NO-TOUCH.
#[inline]
pub(crate) fn entry<'c>(ctx: &'c mut ShardCtx<'_>, key: &[u8]) -> Option<&'c mut Entry> {
    let now_ms = ctx.now_ms;
    if ctx.no_touch {
        ctx.db().lookup_no_touch(key, now_ms)
    } else {
        ctx.db().lookup(key, now_ms)
    }
}

/// The `T` under `key` for a read: `Ok(None)` when missing, WRONGTYPE for another type; the
/// lookup counts as a keyspace hit or miss.
pub(crate) fn read<'c, T: Typed>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
) -> Result<Option<&'c mut T>, Reply> {
    let (db, now_ms, no_touch) = (ctx.db, ctx.now_ms, ctx.no_touch);
    let state = &mut *ctx.shard;
    let data = &mut state.data;
    let found = if no_touch {
        data.db(db).lookup_no_touch(key, now_ms)
    } else {
        data.db(db).lookup(key, now_ms)
    };
    match found {
        None => {
            state.keyspace_misses += 1;
            Ok(None)
        }
        Some(entry) => {
            state.keyspace_hits += 1;
            T::from_value(&mut entry.value)
                .map(Some)
                .ok_or_else(|| errors::err(errors::WRONG_TYPE))
        }
    }
}

/// The `T` under `key` for a write: `Ok(None)` when missing, WRONGTYPE for another type.
pub(crate) fn write<'c, T: Typed>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
) -> Result<Option<&'c mut T>, Reply> {
    match entry(ctx, key) {
        None => Ok(None),
        Some(entry) => T::from_value(&mut entry.value)
            .map(Some)
            .ok_or_else(|| errors::err(errors::WRONG_TYPE)),
    }
}

/// The `T` under `key` for a write, created empty by `make` when missing (PUSH, SADD, ...).
/// The caller must add at least one element, or call [`drop_if_empty`].
pub(crate) fn write_or_create<'c, T: Typed>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
    make: impl FnOnce(&EncodingLimits) -> T,
) -> Result<&'c mut T, Reply> {
    let now_ms = ctx.now_ms;
    let exists = match entry(ctx, key) {
        None => false,
        Some(entry) => {
            if T::from_value(&mut entry.value).is_none() {
                return Err(errors::err(errors::WRONG_TYPE));
            }
            true
        }
    };
    if !exists {
        let value = make(&ctx.shard.settings.limits).into_value();
        ctx.db().set(key, value, None, now_ms);
    }
    let entry = entry(ctx, key).ok_or_else(|| errors::err(errors::NO_SUCH_KEY))?;
    T::from_value(&mut entry.value).ok_or_else(|| errors::err(errors::WRONG_TYPE))
}

/// Deletes `key` when it holds an empty collection: Redis never keeps one.
pub(crate) fn drop_if_empty(ctx: &mut ShardCtx<'_>, key: &[u8]) {
    let now_ms = ctx.now_ms;
    let empty = ctx
        .db()
        .lookup_no_touch(key, now_ms)
        .is_some_and(|e| e.value.is_empty_collection());
    if empty {
        ctx.db().remove(key, now_ms);
    }
}

/// Stores a collection under `key` replacing whatever was there and its deadline (the
/// `*STORE` commands); an empty one deletes the key instead. Returns whether a key existed
/// before, for keyspace bookkeeping.
pub(crate) fn store(ctx: &mut ShardCtx<'_>, key: &[u8], value: Value) -> bool {
    let now_ms = ctx.now_ms;
    if value.is_empty_collection() {
        return ctx.db().remove(key, now_ms).is_some();
    }
    let existed = ctx.db().contains(key, now_ms);
    ctx.db().set(key, value, None, now_ms);
    existed
}
