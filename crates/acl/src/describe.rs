//! Describing a selector as rules that rebuild it, as ACL GETUSER, ACL LIST and ACL SAVE print.
//!
//! Redis 7.0 does not keep the rules it was given: it reconstructs them from the bit set,
//! starting from `+@all` or `-@all`, greedily adding the category that best fits what is left,
//! then single commands. ringkv does the same over the same command universe, so the output is
//! Redis's, except that the order of the single commands (a hash table's order in Redis, random
//! per process) is ringkv's table order.

use crate::category;
use crate::command::{self, CommandIndex};
use crate::selector::{KeyPattern, Selector};

/// The command rules of `selector` (`+@all -debug`, `-@all +@hash +set`).
pub fn command_rules(selector: &Selector) -> Vec<u8> {
    let additive = !selector.future_commands;
    let mut rules: Vec<Vec<u8>> = Vec::new();
    let mut fake = Selector::new(false);
    fake.apply(if additive { b"-@all" } else { b"+@all" }).ok();
    rules.push(if additive {
        b"-@all".to_vec()
    } else {
        b"+@all".to_vec()
    });

    let mut remaining = selector.clone();
    let mut applied = [false; category::NAMES.len()];
    while let Some(best) = best_category(&remaining, additive, &applied) {
        let bit = 1u32 << best;
        fake.set_category(bit, additive);
        remaining.set_category(bit, !additive);
        let sign = if additive { "+@" } else { "-@" };
        rules.push(format!("{sign}{}", category::NAMES[best]).into_bytes());
        applied[best] = true;
    }
    for index in 0..command::count() {
        let wanted = selector.commands.get(index);
        if wanted != fake.commands.get(index) {
            let mut rule = vec![if wanted { b'+' } else { b'-' }];
            rule.extend_from_slice(command::get(index).name.as_bytes());
            rules.push(rule);
            fake.change_command(index, wanted);
        }
        if !wanted {
            push_first_args(selector, index, &mut rules);
        }
    }
    rules.join(&b' ')
}

fn push_first_args(selector: &Selector, index: CommandIndex, rules: &mut Vec<Vec<u8>>) {
    let Some((_, args)) = selector.first_args.iter().find(|(i, _)| *i == index) else {
        return;
    };
    for arg in args {
        let mut rule = format!("+{}|", command::get(index).name).into_bytes();
        rule.extend_from_slice(arg);
        rules.push(rule);
    }
}

/// The category with more commands agreeing than disagreeing with what is left, fewest
/// disagreements first, then most agreements; ties go to the earlier category.
fn best_category(remaining: &Selector, additive: bool, applied: &[bool]) -> Option<usize> {
    let mut best = None;
    let (mut min_diff, mut max_same) = (usize::MAX, 0);
    for (i, done) in applied.iter().enumerate() {
        if *done {
            continue;
        }
        let (on, off) = count_category(remaining, 1 << i);
        let (diff, same) = if additive { (off, on) } else { (on, off) };
        if same > diff && (diff < min_diff || (diff == min_diff && same > max_same)) {
            best = Some(i);
            min_diff = diff;
            max_same = same;
        }
    }
    best
}

fn count_category(selector: &Selector, category: u32) -> (usize, usize) {
    let (mut on, mut off) = (0, 0);
    for index in 0..command::count() {
        if command::get(index).categories & category != 0 {
            if selector.commands.get(index) {
                on += 1;
            } else {
                off += 1;
            }
        }
    }
    (on, off)
}

/// One key pattern as a rule: `~p`, `%R~p` or `%W~p`.
pub fn key_pattern(pattern: &KeyPattern) -> Vec<u8> {
    let mut out = match (pattern.read, pattern.write) {
        (true, false) => b"%R~".to_vec(),
        (false, true) => b"%W~".to_vec(),
        _ => b"~".to_vec(),
    };
    out.extend_from_slice(&pattern.pattern);
    out
}

/// The key rules as GETUSER's `keys` field shows them (`~*`, or the patterns).
pub fn keys_field(selector: &Selector) -> Vec<u8> {
    if selector.all_keys {
        return b"~*".to_vec();
    }
    let parts: Vec<Vec<u8>> = selector.keys.iter().map(key_pattern).collect();
    parts.join(&b' ')
}

/// The channel rules as GETUSER's `channels` field shows them.
pub fn channels_field(selector: &Selector) -> Vec<u8> {
    if selector.all_channels {
        return b"&*".to_vec();
    }
    let parts: Vec<Vec<u8>> = selector
        .channels
        .iter()
        .map(|c| [b"&", &c[..]].concat())
        .collect();
    parts.join(&b' ')
}

/// The whole selector as rules: keys, channels, commands.
pub fn selector(selector: &Selector) -> Vec<u8> {
    let mut out = Vec::new();
    if selector.all_keys {
        out.extend_from_slice(b"~* ");
    } else {
        for pattern in &selector.keys {
            out.extend_from_slice(&key_pattern(pattern));
            out.push(b' ');
        }
    }
    if selector.all_channels {
        out.extend_from_slice(b"&* ");
    } else {
        out.extend_from_slice(b"resetchannels ");
        for channel in &selector.channels {
            out.push(b'&');
            out.extend_from_slice(channel);
            out.push(b' ');
        }
    }
    out.extend_from_slice(&command_rules(selector));
    out
}
