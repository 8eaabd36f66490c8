//! The [`Config`] value: every parameter's current value, CONFIG GET and CONFIG SET.

use std::collections::HashSet;

use engine::glob::glob_match;

use crate::parse::{memtoull, string2ll, strtoll_whole, yes_no};
use crate::registry::{all_names, lookup, Flags, Found, Kind, NumSpec, Special, Unit, PARAMS};
use crate::special::{self, Source};
use crate::value::Value;

/// A `rename-command` directive, kept for the server to apply to its command table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameCommand {
    /// The command's current name.
    pub from: String,
    /// Its new name; empty disables the command.
    pub to: String,
    /// 1-based line of the directive in its config text.
    pub line_number: usize,
}

/// Who is asking for a CONFIG SET, for the checks that depend on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SetContext {
    /// The client connects over loopback or a Unix socket (`enable-protected-configs local`).
    pub client_is_local: bool,
    /// The server is loading a dataset (parameters marked deny-loading are refused).
    pub loading: bool,
}

/// Every configuration parameter's value, plus the directives the server applies itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub(crate) values: Vec<Value>,
    /// A config text already replaced the default `save` points; later lines accumulate.
    pub(crate) save_seen_in_text: bool,
    pub(crate) rename_commands: Vec<RenameCommand>,
    pub(crate) users: Vec<Vec<String>>,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// Redis's defaults, with ringkv's safe ones (`bind 127.0.0.1 -::1`, protected mode on).
    pub fn new() -> Config {
        Config {
            values: PARAMS.iter().map(Value::default_for).collect(),
            save_seen_in_text: false,
            rename_commands: Vec::new(),
            users: Vec::new(),
        }
    }

    /// CONFIG GET with one or more glob patterns: each parameter at most once, named as asked
    /// (an exact name keeps the caller's spelling; a pattern reports the table's names,
    /// aliases included, hidden parameters excluded).
    pub fn get(&self, patterns: &[&[u8]]) -> Vec<(String, String)> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut out = Vec::new();
        for pattern in patterns {
            if !pattern.iter().any(|b| matches!(b, b'[' | b'*' | b'?')) {
                let name = String::from_utf8_lossy(pattern).into_owned();
                if seen.contains(&name.to_ascii_lowercase()) {
                    continue;
                }
                if let Some(found) = lookup(pattern) {
                    seen.insert(name.to_ascii_lowercase());
                    out.push((name, self.render(found.index)));
                }
                continue;
            }
            for found in all_names() {
                let name = found.name();
                if found.param().has(Flags::HIDDEN) || seen.contains(name) {
                    continue;
                }
                if glob_match(pattern, name.as_bytes(), true) {
                    seen.insert(name.to_string());
                    out.push((name.to_string(), self.render(found.index)));
                }
            }
        }
        out
    }

    /// One parameter's value as CONFIG GET prints it, by name or alias.
    pub fn get_one(&self, name: &str) -> Option<String> {
        lookup(name.as_bytes()).map(|found| self.render(found.index))
    }

    /// CONFIG SET of several pairs, all or nothing, as a remote client outside loading.
    pub fn set(&mut self, pairs: &[(&[u8], &[u8])]) -> Result<Vec<String>, String> {
        self.set_with(pairs, SetContext::default())
    }

    /// CONFIG SET with the caller's context. On success returns the main names of the
    /// parameters whose value changed, in call order, for the server to apply; the error is
    /// Redis's reply text. The server applies effects (listening, chdir, ...); when one fails
    /// it restores a clone taken before the call, keeping the all-or-nothing promise.
    pub fn set_with(
        &mut self,
        pairs: &[(&[u8], &[u8])],
        ctx: SetContext,
    ) -> Result<Vec<String>, String> {
        let targets = self.check_set_targets(pairs, ctx)?;
        let mut next = self.values.clone();
        for (found, (_, value)) in targets.iter().zip(pairs) {
            let param = found.param();
            let args = if param.has(Flags::MULTI_ARG) {
                split_on_spaces(value)
            } else {
                vec![value.to_vec()]
            };
            match parse_value(found.index, &args, &next[found.index], Source::Set) {
                Ok(v) => next[found.index] = v,
                Err(reason) => return Err(set_failed(found.name(), &reason)),
            }
        }
        let mut changed: Vec<String> = Vec::new();
        for found in &targets {
            let name = found.param().name;
            if next[found.index] != self.values[found.index] && !changed.iter().any(|c| c == name) {
                changed.push(name.to_string());
            }
        }
        self.values = next;
        Ok(changed)
    }

    /// Redis's first pass over CONFIG SET arguments: unknown names win over every other error;
    /// otherwise the first immutable, protected, loading or duplicate one is reported.
    fn check_set_targets(
        &self,
        pairs: &[(&[u8], &[u8])],
        ctx: SetContext,
    ) -> Result<Vec<Found>, String> {
        let mut targets: Vec<Found> = Vec::with_capacity(pairs.len());
        let mut first_error: Option<String> = None;
        let mut deny_loading = false;
        for (name, _) in pairs {
            let typed = String::from_utf8_lossy(name);
            let Some(found) = lookup(name) else {
                if first_error.is_none() {
                    return Err(format!(
                        "ERR Unknown option or number of arguments for CONFIG SET - '{typed}'"
                    ));
                }
                continue;
            };
            if first_error.is_some() {
                continue;
            }
            let param = found.param();
            if param.has(Flags::IMMUTABLE) {
                first_error = Some(set_failed(&typed, "can't set immutable config"));
            } else if param.has(Flags::PROTECTED) && !self.protected_configs_allowed(ctx) {
                first_error = Some(set_failed(&typed, "can't set protected config"));
            } else if ctx.loading && param.has(Flags::DENY_LOADING) {
                deny_loading = true;
                first_error = Some(String::new());
            } else if targets.contains(&found) {
                first_error = Some(set_failed(&typed, "duplicate parameter"));
            }
            targets.push(found);
        }
        match first_error {
            None => Ok(targets),
            Some(_) if deny_loading => Err("LOADING Redis is loading the dataset in memory".into()),
            Some(message) => Err(message),
        }
    }

    fn protected_configs_allowed(&self, ctx: SetContext) -> bool {
        match self.enum_value("enable-protected-configs") {
            1 => true,
            2 => ctx.client_is_local,
            _ => false,
        }
    }

    /// Stores a value read from a config text or the command line.
    pub(crate) fn store_from_text(&mut self, found: Found, args: &[Vec<u8>]) -> Result<(), String> {
        let source = Source::Text {
            first_save: !self.save_seen_in_text,
        };
        let value = parse_value(found.index, args, &self.values[found.index], source)?;
        if matches!(found.param().kind, Kind::Special(Special::Save)) {
            self.save_seen_in_text = true;
        }
        self.values[found.index] = value;
        Ok(())
    }

    /// The value CONFIG GET prints for the parameter at `index`.
    pub(crate) fn render(&self, index: usize) -> String {
        self.values[index].render(&PARAMS[index])
    }

    /// The current value of a parameter known to exist in the table.
    pub(crate) fn value(&self, name: &str) -> &Value {
        let found = lookup(name.as_bytes()).expect("accessors only name parameters of the table");
        &self.values[found.index]
    }

    pub(crate) fn enum_value(&self, name: &str) -> u32 {
        match self.value(name) {
            Value::Enum(v) => *v,
            _ => 0,
        }
    }
}

/// `ERR CONFIG SET failed (possibly related to argument '<name>') - <reason>`.
fn set_failed(name: &str, reason: &str) -> String {
    format!("ERR CONFIG SET failed (possibly related to argument '{name}') - {reason}")
}

/// CONFIG SET's split of a multi-argument value: on every single space, so that an empty
/// value gives no arguments and doubled spaces give empty ones (Redis's `sdssplitlen`).
fn split_on_spaces(value: &[u8]) -> Vec<Vec<u8>> {
    if value.is_empty() {
        return Vec::new();
    }
    value.split(|b| *b == b' ').map(<[u8]>::to_vec).collect()
}

/// Parses `args` for the parameter at `index` into its new value.
pub(crate) fn parse_value(
    index: usize,
    args: &[Vec<u8>],
    current: &Value,
    source: Source,
) -> Result<Value, String> {
    let param = &PARAMS[index];
    let single = || args.first().map(Vec::as_slice).unwrap_or_default();
    match param.kind {
        Kind::Bool { .. } => yes_no(single())
            .map(Value::Bool)
            .ok_or_else(|| "argument must be 'yes' or 'no'".to_string()),
        Kind::Enum {
            choices, bit_flags, ..
        } => parse_enum(choices, args, bit_flags, param.name),
        Kind::Num(spec) => parse_number(&spec, single()).map(Value::Num),
        Kind::Str { check, .. } => {
            let text = special::lossy(single());
            special::check_string(check, &text)?;
            Ok(Value::Str(text))
        }
        Kind::Special(which) => match which {
            Special::Save => special::parse_save(args, current, source),
            Special::ClientOutputBufferLimit => special::parse_output_limits(args, current),
            Special::OomScoreAdjValues => special::parse_oom_values(args),
            Special::NotifyKeyspaceEvents => special::parse_keyspace_events(args),
            Special::Bind => special::parse_bind(args),
            Special::ReplicaOf => special::parse_replicaof(args),
            Special::LatencyPercentiles => special::parse_percentiles(args),
            Special::Dir => special::parse_dir(args),
        },
    }
}

fn parse_enum(
    choices: &[(&str, u32)],
    args: &[Vec<u8>],
    bit_flags: bool,
    name: &str,
) -> Result<Value, String> {
    let find = |arg: &[u8]| {
        choices
            .iter()
            .find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(arg))
            .map(|(_, v)| *v)
    };
    let mut value = 0;
    let mut ok = !args.is_empty() && (bit_flags || args.len() == 1);
    for arg in args {
        match find(arg) {
            Some(v) => value |= v,
            None => ok = false,
        }
    }
    if !ok {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        let mut message = format!(
            "argument(s) must be one of the following: {}",
            names.join(", ")
        );
        // Redis formats the list into a 256-byte buffer.
        message.truncate(255);
        return Err(message);
    }
    // Only the shutdown flags have a cross-flag rule: `save` and `nosave` exclude each other.
    if name.starts_with("shutdown-on-sig") && value & 1 != 0 && value & 2 != 0 {
        return Err("shutdown options SAVE and NOSAVE can't be used simultaneously".into());
    }
    Ok(Value::Enum(value))
}

/// Redis's `numericParseString` then `numericBoundaryCheck`.
pub(crate) fn parse_number(spec: &NumSpec, arg: &[u8]) -> Result<i128, String> {
    let raw: Option<i64> = match spec.unit {
        Unit::Memory => memtoull(arg).map(|v| v as i64),
        Unit::MemoryPercent => memtoull(arg).map(|v| v as i64).or_else(|| percent(arg)),
        Unit::Octal => strtoll_whole(arg, 8),
        Unit::Plain => string2ll(arg),
    };
    let Some(ll) = raw else {
        return Err(match spec.unit {
            Unit::Memory => "argument must be a memory value",
            Unit::MemoryPercent => "argument must be a memory or percent value",
            Unit::Octal => "argument couldn't be parsed as an octal number",
            Unit::Plain => "argument couldn't be parsed into an integer",
        }
        .into());
    };
    let value = if spec.unsigned {
        i128::from(ll as u64)
    } else {
        i128::from(ll)
    };
    if spec.unit == Unit::MemoryPercent && ll < 0 {
        if value < spec.min {
            return Err(format!(
                "percentage argument must be less or equal to {}",
                -spec.min
            ));
        }
    } else if value < spec.min || value > spec.max {
        return Err(if spec.unit == Unit::Octal {
            format!(
                "argument must be between {:o} and {:o} inclusive",
                spec.min, spec.max
            )
        } else {
            format!(
                "argument must be between {} and {} inclusive",
                spec.min, spec.max
            )
        });
    }
    Ok(match spec.clamp {
        Some((low, high)) => value.clamp(low, high),
        None => value,
    })
}

/// `N%` with N a non-negative integer, stored negated as Redis does.
fn percent(arg: &[u8]) -> Option<i64> {
    let digits = arg.strip_suffix(b"%")?;
    if arg.len() < 2 {
        return None;
    }
    string2ll(digits).filter(|n| *n >= 0).map(|n| -n)
}
