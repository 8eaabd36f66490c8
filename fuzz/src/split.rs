//! Where to cut a payload into reads, chosen by a seed the fuzzer controls.

/// SplitMix64: a tiny, well-mixed PRNG, so the harness needs no dependency for randomness.
#[derive(Debug, Clone)]
pub struct SplitMix {
    state: u64,
}

impl SplitMix {
    /// A generator whose whole sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0); the slight modulo bias does not matter here.
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }
}

/// Cuts `payload` into consecutive, non-empty reads. The seed's low bits pick a style: one byte
/// at a time (the hardest case for resumption, kept to short inputs because each read rescans),
/// small reads, or a few large ones.
pub fn chunks<'a>(payload: &'a [u8], rng: &mut SplitMix) -> impl Iterator<Item = &'a [u8]> {
    let style = rng.below(3);
    let max_chunk = match style {
        0 if payload.len() <= 512 => 1,
        0 | 1 => 16,
        _ => (payload.len() / 3).max(1),
    };
    let mut cuts = Vec::new();
    let mut pos = 0;
    while pos < payload.len() {
        let len = (1 + rng.below(max_chunk)).min(payload.len() - pos);
        cuts.push(&payload[pos..pos + len]);
        pos += len;
    }
    cuts.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_payload_exactly_in_order() {
        let payload: Vec<u8> = (0..=255).collect();
        for seed in 0..50 {
            let joined: Vec<u8> = chunks(&payload, &mut SplitMix::new(seed))
                .flatten()
                .copied()
                .collect();
            assert_eq!(joined, payload);
        }
    }

    #[test]
    fn chunks_are_never_empty() {
        for seed in 0..50 {
            assert!(chunks(b"abcdef", &mut SplitMix::new(seed)).all(|c| !c.is_empty()));
        }
    }
}
