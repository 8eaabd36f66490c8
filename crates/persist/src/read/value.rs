//! Turning a value's body, of any type Redis 2.x to 7.2 writes, into an engine value built
//! with ringkv's encoding limits (so it gets the encoding Redis would give it on load).

use std::io::Read;

use engine::{EncodingLimits, HashValue, ListValue, SetValue, Value, ZSetValue};

use super::source::{parse_double, Source};
use crate::error::RdbError;
use crate::format::{container, types};
use crate::listpack::{self, Element};
use crate::{intset, ziplist};

/// What a body decodes to: a value, or nothing for an empty collection (which Redis skips
/// in files and refuses in RESTORE).
pub(crate) type Loaded = Option<Value>;

/// Reads the body of a value of RDB type `t`. Types ringkv cannot hold are refused by the
/// caller before this is called.
pub(crate) fn load_value<R: Read>(
    src: &mut Source<R>,
    t: u8,
    limits: &EncodingLimits,
) -> Result<Loaded, RdbError> {
    match t {
        types::STRING => Ok(Some(Value::string(&src.string()?))),
        types::LIST => {
            let n = src.count()?;
            let mut list = ListValue::new();
            for _ in 0..n {
                list.push_back(&src.string()?, limits);
            }
            Ok(non_empty_list(list))
        }
        types::LIST_ZIPLIST => {
            let blob = src.string()?;
            let mut list = ListValue::new();
            push_all(&mut list, &ziplist::parse(&blob)?, limits);
            Ok(non_empty_list(list))
        }
        types::LIST_QUICKLIST | types::LIST_QUICKLIST_2 => load_quicklist(src, t, limits),
        types::SET => load_set(src, limits),
        types::SET_INTSET => {
            let values = intset::parse(&src.string()?)?;
            let members: Vec<Vec<u8>> = values.iter().map(|v| v.to_string().into_bytes()).collect();
            set_from(members.iter().map(Vec::as_slice), members.len(), limits)
        }
        types::SET_LISTPACK => {
            let blob = src.string()?;
            let members: Vec<Vec<u8>> = listpack::parse(&blob)?
                .iter()
                .map(Element::to_vec)
                .collect();
            set_from(members.iter().map(Vec::as_slice), members.len(), limits)
        }
        types::HASH => load_hash(src, limits),
        types::HASH_ZIPMAP => {
            let blob = src.string()?;
            let pairs = ziplist::parse_zipmap(&blob)?;
            hash_from(
                pairs.into_iter().map(|(f, v)| (f.to_vec(), v.to_vec())),
                limits,
            )
        }
        types::HASH_ZIPLIST | types::HASH_LISTPACK => {
            let blob = src.string()?;
            let elements = compact_elements(&blob, t == types::HASH_LISTPACK)?;
            let pairs: Vec<_> = pairs_of(&elements)?
                .map(|(f, v)| (f.to_vec(), v.to_vec()))
                .collect();
            hash_from(pairs.into_iter(), limits)
        }
        types::ZSET | types::ZSET_2 => load_zset(src, t == types::ZSET_2, limits),
        types::ZSET_ZIPLIST | types::ZSET_LISTPACK => {
            let blob = src.string()?;
            let elements = compact_elements(&blob, t == types::ZSET_LISTPACK)?;
            let mut pairs = Vec::with_capacity(elements.len() / 2);
            for (member, score) in pairs_of(&elements)? {
                let score = match score {
                    Element::Int(n) => n as f64,
                    Element::Str(s) => {
                        parse_double(s).ok_or_else(|| RdbError::corrupt("bad score"))?
                    }
                };
                pairs.push((member.to_vec(), score));
            }
            zset_from(pairs, limits)
        }
        types::STREAM_LISTPACKS | types::STREAM_LISTPACKS_2 | types::STREAM_LISTPACKS_3 => {
            // An emptied stream is still a value: Redis keeps it, with its IDs and groups.
            super::stream::load_stream(src, t).map(Some)
        }
        other => Err(RdbError::UnknownType(other)),
    }
}

/// The elements of a listpack (`listpack`) or a ziplist.
fn compact_elements(blob: &[u8], is_listpack: bool) -> Result<Vec<Element<'_>>, RdbError> {
    if is_listpack {
        listpack::parse(blob)
    } else {
        ziplist::parse(blob)
    }
}

/// Consecutive pairs of elements; an odd count is corrupt.
fn pairs_of<'e, 'a>(
    elements: &'e [Element<'a>],
) -> Result<impl Iterator<Item = (Element<'a>, Element<'a>)> + 'e, RdbError> {
    if elements.len() % 2 != 0 {
        return Err(RdbError::corrupt(
            "odd number of elements in a pair encoding",
        ));
    }
    Ok(elements.chunks_exact(2).map(|pair| (pair[0], pair[1])))
}

fn non_empty_list(list: ListValue) -> Loaded {
    (!list.is_empty()).then_some(Value::List(list))
}

fn push_all(list: &mut ListValue, elements: &[Element<'_>], limits: &EncodingLimits) {
    for element in elements {
        list.push_back(&element.to_vec(), limits);
    }
}

/// A quicklist: nodes of ziplists (14), or of listpacks or single plain elements (18).
fn load_quicklist<R: Read>(
    src: &mut Source<R>,
    t: u8,
    limits: &EncodingLimits,
) -> Result<Loaded, RdbError> {
    let nodes = src.count()?;
    let mut list = ListValue::new();
    for _ in 0..nodes {
        let kind = if t == types::LIST_QUICKLIST_2 {
            src.length()?
        } else {
            container::PACKED
        };
        let blob = src.string()?;
        match kind {
            container::PLAIN => list.push_back(&blob, limits),
            container::PACKED if t == types::LIST_QUICKLIST_2 => {
                push_all(&mut list, &listpack::parse(&blob)?, limits)
            }
            container::PACKED => push_all(&mut list, &ziplist::parse(&blob)?, limits),
            other => {
                return Err(RdbError::corrupt(format!(
                    "unknown quicklist container {other}"
                )))
            }
        }
    }
    Ok(non_empty_list(list))
}

fn load_set<R: Read>(src: &mut Source<R>, limits: &EncodingLimits) -> Result<Loaded, RdbError> {
    let n = src.count()?;
    let mut members = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        members.push(src.string()?);
    }
    set_from(members.iter().map(Vec::as_slice), n, limits)
}

fn set_from<'a>(
    mut members: impl Iterator<Item = &'a [u8]>,
    size_hint: usize,
    limits: &EncodingLimits,
) -> Result<Loaded, RdbError> {
    let Some(first) = members.next() else {
        return Ok(None);
    };
    let mut set = SetValue::with_hint(first, size_hint, limits);
    set.insert(first, limits);
    for member in members {
        if !set.insert(member, limits) {
            return Err(RdbError::corrupt("duplicate set member"));
        }
    }
    Ok(Some(Value::Set(set)))
}

fn load_hash<R: Read>(src: &mut Source<R>, limits: &EncodingLimits) -> Result<Loaded, RdbError> {
    let n = src.count()?;
    let mut pairs = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let field = src.string()?;
        pairs.push((field, src.string()?));
    }
    hash_from(pairs.into_iter(), limits)
}

fn hash_from(
    pairs: impl Iterator<Item = (Vec<u8>, Vec<u8>)>,
    limits: &EncodingLimits,
) -> Result<Loaded, RdbError> {
    let mut hash = HashValue::new();
    for (field, value) in pairs {
        if !hash.insert(&field, &value, limits) {
            return Err(RdbError::corrupt("duplicate hash field"));
        }
    }
    Ok((!hash.is_empty()).then_some(Value::Hash(hash)))
}

fn load_zset<R: Read>(
    src: &mut Source<R>,
    binary: bool,
    limits: &EncodingLimits,
) -> Result<Loaded, RdbError> {
    let n = src.count()?;
    let mut pairs = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let member = src.string()?;
        let score = if binary {
            src.binary_double()?
        } else {
            src.text_double()?
        };
        pairs.push((member, score));
    }
    zset_from(pairs, limits)
}

fn zset_from(pairs: Vec<(Vec<u8>, f64)>, limits: &EncodingLimits) -> Result<Loaded, RdbError> {
    let longest = pairs.iter().map(|(m, _)| m.len()).max().unwrap_or(0);
    let mut zset = ZSetValue::with_capacity(pairs.len(), longest, limits);
    for (member, score) in pairs {
        if score.is_nan() {
            return Err(RdbError::corrupt("sorted set score is NaN"));
        }
        if zset.insert(&member, score, limits).is_some() {
            return Err(RdbError::corrupt("duplicate sorted set member"));
        }
    }
    Ok((!zset.is_empty()).then_some(Value::ZSet(zset)))
}
