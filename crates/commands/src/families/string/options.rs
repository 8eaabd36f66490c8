//! The options SET and GETEX share (`NX XX GET KEEPTTL PERSIST EX PX EXAT PXAT`) and the
//! arithmetic that turns an expire argument into a deadline, both as Redis applies them.

use resp::Reply;

use crate::{errors, parse, Args};

/// Redis's `OBJ_*` option flags, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Flags(u16);

impl Flags {
    pub(super) const NX: Flags = Flags(1);
    pub(super) const XX: Flags = Flags(1 << 1);
    pub(super) const GET: Flags = Flags(1 << 2);
    pub(super) const KEEPTTL: Flags = Flags(1 << 3);
    pub(super) const PERSIST: Flags = Flags(1 << 4);
    pub(super) const EX: Flags = Flags(1 << 5);
    pub(super) const PX: Flags = Flags(1 << 6);
    pub(super) const EXAT: Flags = Flags(1 << 7);
    pub(super) const PXAT: Flags = Flags(1 << 8);

    const fn or(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    fn any(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }
}

/// Which command parses: SET takes NX/XX/GET/KEEPTTL, GETEX takes PERSIST, both take expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    /// SET.
    Set,
    /// GETEX.
    Getex,
}

/// One option keyword: the flag it sets, the flags it cannot join, who accepts it, and
/// whether it takes a value.
struct OptionRule {
    keyword: &'static str,
    flag: Flags,
    conflicts: Flags,
    only: Option<Family>,
    takes_value: bool,
}

const EXPIRY_KINDS: Flags = Flags::EX.or(Flags::PX).or(Flags::EXAT).or(Flags::PXAT);
const TTL_KINDS: Flags = EXPIRY_KINDS.or(Flags::KEEPTTL).or(Flags::PERSIST);
const KEEPTTL_CONFLICTS: Flags = EXPIRY_KINDS.or(Flags::PERSIST);
const PERSIST_CONFLICTS: Flags = EXPIRY_KINDS.or(Flags::KEEPTTL);

/// Redis's `parseExtendedStringArgumentsOrReply` as data. A repeated option is accepted (its
/// own flag is not among its conflicts) and a repeated expiry keeps the last value.
const RULES: &[OptionRule] = &[
    only("NX", Flags::NX, Flags::XX, Family::Set),
    only("XX", Flags::XX, Flags::NX, Family::Set),
    only("GET", Flags::GET, Flags(0), Family::Set),
    only("KEEPTTL", Flags::KEEPTTL, KEEPTTL_CONFLICTS, Family::Set),
    only("PERSIST", Flags::PERSIST, PERSIST_CONFLICTS, Family::Getex),
    expiry("EX", Flags::EX),
    expiry("PX", Flags::PX),
    expiry("EXAT", Flags::EXAT),
    expiry("PXAT", Flags::PXAT),
];

/// A flag option that only `family` accepts.
const fn only(keyword: &'static str, flag: Flags, conflicts: Flags, family: Family) -> OptionRule {
    OptionRule {
        keyword,
        flag,
        conflicts,
        only: Some(family),
        takes_value: false,
    }
}

/// An expiry option: takes a value, and excludes every other way of setting the deadline.
const fn expiry(keyword: &'static str, flag: Flags) -> OptionRule {
    let conflicts = Flags(TTL_KINDS.0 & !flag.0);
    OptionRule {
        keyword,
        flag,
        conflicts,
        only: None,
        takes_value: true,
    }
}

/// Parsed options of SET, SETNX, SETEX, PSETEX or GETEX. The expire value stays raw: Redis
/// reads it only after every option parsed, so a syntax error wins over a bad number.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ExtendedOptions<'a> {
    flags: Flags,
    expire: Option<&'a [u8]>,
}

impl<'a> ExtendedOptions<'a> {
    /// Parses `args[start..]` for `family`; `ERR syntax error` on anything Redis refuses.
    pub(super) fn parse(args: Args<'a>, start: usize, family: Family) -> Result<Self, Reply> {
        let mut options = ExtendedOptions::default();
        let mut i = start;
        while let Some(arg) = args.try_get(i) {
            let next = args.try_get(i + 1);
            let accepted = RULES.iter().find(|r| {
                c_keyword_is(arg, r.keyword)
                    && !options.flags.any(r.conflicts)
                    && (r.only.is_none() || r.only == Some(family))
                    && (!r.takes_value || next.is_some())
            });
            let Some(rule) = accepted else {
                return Err(errors::err(errors::SYNTAX));
            };
            options.flags = options.flags.or(rule.flag);
            if rule.takes_value {
                options.expire = next;
                i += 1;
            }
            i += 1;
        }
        Ok(options)
    }

    /// Options carrying only `flags` (SETNX's NX).
    pub(super) fn with_flags(flags: Flags) -> Self {
        ExtendedOptions {
            flags,
            expire: None,
        }
    }

    /// A relative expiry as SETEX (`seconds`) or PSETEX give it.
    pub(super) fn relative(expire: &'a [u8], seconds: bool) -> Self {
        let flags = if seconds { Flags::EX } else { Flags::PX };
        ExtendedOptions {
            flags,
            expire: Some(expire),
        }
    }

    /// Whether `flag` was given.
    pub(super) fn has(&self, flag: Flags) -> bool {
        self.flags.any(flag)
    }

    /// The deadline in unix ms that the expiry option asks for, if any; `command` names the
    /// command in `ERR invalid expire time in '<command>' command`.
    pub(super) fn deadline_ms(&self, now_ms: u64, command: &str) -> Result<Option<u64>, Reply> {
        let Some(arg) = self.expire else {
            return Ok(None);
        };
        let seconds = self.has(Flags::EX.or(Flags::EXAT));
        let relative = self.has(Flags::EX.or(Flags::PX));
        expire_at_ms(arg, seconds, relative, now_ms, command).map(Some)
    }

    /// Whether the expiry is absolute (EXAT, PXAT): such a deadline may already be past.
    pub(super) fn is_absolute(&self) -> bool {
        self.has(Flags::EXAT.or(Flags::PXAT))
    }
}

/// Redis's `getExpireMillisecondsOrReply`: the argument must be an integer above 0, in
/// seconds no more than `i64::MAX / 1000`, and a relative one must not overflow when the
/// command's time is added.
pub(super) fn expire_at_ms(
    arg: &[u8],
    seconds: bool,
    relative: bool,
    now_ms: u64,
    command: &str,
) -> Result<u64, Reply> {
    let amount = parse::int(arg)?;
    if amount <= 0 || (seconds && amount > i64::MAX / 1000) {
        return Err(errors::invalid_expire(command));
    }
    let amount_ms = if seconds { amount * 1000 } else { amount };
    let at_ms = if relative {
        amount_ms.checked_add(now_ms as i64)
    } else {
        Some(amount_ms)
    };
    match at_ms {
        Some(at_ms) if at_ms > 0 => Ok(at_ms as u64),
        _ => Err(errors::invalid_expire(command)),
    }
}

/// Whether `arg` equals `keyword` ignoring case, compared as the C string Redis sees: an
/// embedded NUL ends the argument (`strcasecmp`).
pub(super) fn c_keyword_is(arg: &[u8], keyword: &str) -> bool {
    let end = arg.iter().position(|&b| b == 0).unwrap_or(arg.len());
    arg[..end].eq_ignore_ascii_case(keyword.as_bytes())
}
