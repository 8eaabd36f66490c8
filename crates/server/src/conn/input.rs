//! The read buffer: bytes received and not yet consumed, growing for big arguments.

/// Bytes read from a socket; `buf[start..end]` is unconsumed.
pub struct InputBuffer {
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

/// Size of one read.
pub const READ_CHUNK: usize = 64 * 1024;

impl InputBuffer {
    /// An empty buffer.
    pub fn new() -> Self {
        InputBuffer {
            buf: vec![0; READ_CHUNK],
            start: 0,
            end: 0,
        }
    }

    /// The unconsumed bytes.
    #[inline]
    pub fn pending(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// Number of unconsumed bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Spare capacity after the pending bytes.
    pub fn free(&self) -> usize {
        self.buf.len() - self.end
    }

    /// Marks `n` pending bytes consumed.
    #[inline]
    pub fn consume(&mut self, n: usize) {
        self.start += n;
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }

    /// Makes room for the next read, and for `need` pending bytes in all when the parser knows
    /// the current frame's size. Moves pending bytes to the front first, so the buffer grows
    /// only for frames that do not fit.
    pub fn reserve(&mut self, need: usize) {
        const MIN_FREE: usize = 16 * 1024;
        if self.free() >= MIN_FREE && self.buf.len() - self.start >= need {
            return;
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        // Grow by doubling towards `need` rather than trusting a client's announced length.
        let target = need.min(self.len() * 2).max(self.len() + READ_CHUNK);
        if self.buf.len() < target {
            self.buf.resize(target, 0);
        }
    }

    /// Shrinks a buffer grown for a big argument once it is no longer needed.
    pub fn shrink_if_idle(&mut self) {
        if self.is_empty() && self.buf.len() > 4 * READ_CHUNK {
            self.buf = vec![0; READ_CHUNK];
            self.start = 0;
            self.end = 0;
        }
    }

    /// The spare space to read into.
    pub fn spare(&mut self) -> &mut [u8] {
        &mut self.buf[self.end..]
    }

    /// Records `n` bytes read into the spare space.
    pub fn filled(&mut self, n: usize) {
        self.end += n;
    }

    /// Allocated bytes (CLIENT LIST qbuf + qbuf-free).
    pub fn capacity(&self) -> usize {
        self.buf.len()
    }
}

impl Default for InputBuffer {
    fn default() -> Self {
        Self::new()
    }
}
