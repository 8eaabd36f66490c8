//! Allocation-free lookup of commands by name.

use std::sync::OnceLock;

use hashbrown::HashMap;

use super::CommandSpec;

/// Longest command name we look up; anything longer is unknown.
const MAX_NAME_LEN: usize = 64;

/// Every top-level command, in table order.
pub fn all_commands() -> &'static [&'static CommandSpec] {
    static ALL: OnceLock<Vec<&'static CommandSpec>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static CommandSpec> = Vec::new();
        for family in [
            super::connection::SPECS,
            super::connection_client::SPECS,
            super::server_acl::SPECS,
            super::server_persistence::SPECS,
            super::string::SPECS,
            super::string_counters::SPECS,
            super::string_ranges::SPECS,
            super::keyspace::SPECS,
            super::keyspace_expire::SPECS,
            super::keyspace_sort::SPECS,
            super::server::SPECS,
            super::transaction::SPECS,
            super::list::SPECS,
            super::list_edit::SPECS,
            super::list_blocking::SPECS,
            super::hash::SPECS,
            super::set::SPECS,
            super::set_algebra::SPECS,
            super::zset::SPECS,
            super::zset_range::SPECS,
            super::zset_algebra::SPECS,
            super::zset_blocking::SPECS,
            super::stream::SPECS,
            super::stream_group::SPECS,
            super::stream_info::SPECS,
            super::hyperloglog::SPECS,
        ] {
            all.extend(family.iter());
        }
        all
    })
}

fn by_name() -> &'static HashMap<&'static [u8], &'static CommandSpec> {
    static MAP: OnceLock<HashMap<&'static [u8], &'static CommandSpec>> = OnceLock::new();
    MAP.get_or_init(|| {
        all_commands()
            .iter()
            .map(|c| (c.name.as_bytes(), *c))
            .collect()
    })
}

/// The command named `name`, in any letter case.
#[inline]
pub fn lookup(name: &[u8]) -> Option<&'static CommandSpec> {
    if name.len() > MAX_NAME_LEN {
        return None;
    }
    let mut lower = [0u8; MAX_NAME_LEN];
    for (dst, src) in lower.iter_mut().zip(name) {
        *dst = src.to_ascii_lowercase();
    }
    by_name().get(&lower[..name.len()]).copied()
}

/// The subcommand `sub` of `container`, in any letter case.
pub fn lookup_subcommand(
    container: &'static CommandSpec,
    sub: &[u8],
) -> Option<&'static CommandSpec> {
    let prefix = container.name.len() + 1;
    container
        .subcommands
        .iter()
        .find(|s| s.name.as_bytes()[prefix..].eq_ignore_ascii_case(sub))
}

#[cfg(test)]
mod tests {
    use super::lookup;

    #[test]
    fn writes_and_pfcount_may_change_keys_plain_reads_do_not() {
        let may_change = |name: &str| {
            let mut parts = name.split('|');
            let base = lookup(parts.next().unwrap().as_bytes()).unwrap();
            match parts.next() {
                Some(sub) => super::lookup_subcommand(base, sub.as_bytes()).unwrap(),
                None => base,
            }
            .may_change_keys()
        };
        assert!(may_change("set") && may_change("xadd") && may_change("pfadd"));
        assert!(may_change("pfcount"), "PFCOUNT rewrites the cached count");
        assert!(!may_change("get") && !may_change("xrange") && !may_change("xinfo|stream"));
    }
}
