//! `Cut`: a place in the (score, member) order, which every positional query searches for.
//!
//! Why not a closure over (score, member): most comparisons are settled by the score alone,
//! and in the tree the member bytes live in another array (another cache miss per probe), so
//! a cut asks for the member only when the score does not decide.

/// A place in the order: the keys before it are those for which `holds` is true, a prefix.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cut<'a> {
    /// Just before key (score, member).
    BeforeKey(f64, &'a [u8]),
    /// Just after key (score, member).
    AfterKey(f64, &'a [u8]),
    /// Before every key with this score or above.
    BeforeScore(f64),
    /// After every key with this score or below.
    AfterScore(f64),
    /// Before every member at or after these bytes (meaningful when all scores are equal).
    BeforeMember(&'a [u8]),
    /// After every member at or before these bytes.
    AfterMember(&'a [u8]),
}

impl Cut<'_> {
    /// Whether key (`score`, `member()`) lies before the cut. Scores compare as IEEE numbers
    /// (-0.0 equals 0.0), members as bytes.
    #[inline]
    pub(crate) fn holds<'m>(&self, score: f64, member: impl FnOnce() -> &'m [u8]) -> bool {
        match *self {
            Cut::BeforeKey(x, key) => score < x || (score == x && member() < key),
            Cut::AfterKey(x, key) => score < x || (score == x && member() <= key),
            Cut::BeforeScore(x) => score < x,
            Cut::AfterScore(x) => score <= x,
            Cut::BeforeMember(key) => member() < key,
            Cut::AfterMember(key) => member() <= key,
        }
    }
}

/// Whether key (`a_score`, `a_member`) sorts before (`b_score`, `b_member`).
#[cfg(test)]
pub(crate) fn key_less(a_score: f64, a_member: &[u8], b_score: f64, b_member: &[u8]) -> bool {
    Cut::BeforeKey(b_score, b_member).holds(a_score, || a_member)
}
