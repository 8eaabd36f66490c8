//! A selector's allowed-commands bit set, one bit per command of the universe.

use crate::command::CommandIndex;

const WORDS: usize = 8;

/// One bit per [`crate::command`] index (512 bits; the universe has fewer commands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommandBits([u64; WORDS]);

impl CommandBits {
    /// Every command allowed.
    pub fn all() -> Self {
        let mut bits = CommandBits::default();
        for i in 0..crate::command::count() {
            bits.set(i, true);
        }
        bits
    }

    /// Whether `index` is allowed.
    #[inline]
    pub fn get(&self, index: CommandIndex) -> bool {
        self.0[index / 64] & (1 << (index % 64)) != 0
    }

    /// Allows or denies `index`.
    #[inline]
    pub fn set(&mut self, index: CommandIndex, allow: bool) {
        let bit = 1 << (index % 64);
        if allow {
            self.0[index / 64] |= bit;
        } else {
            self.0[index / 64] &= !bit;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_universe_fits() {
        assert!(crate::command::count() <= WORDS * 64);
        let all = CommandBits::all();
        assert!((0..crate::command::count()).all(|i| all.get(i)));
    }
}
