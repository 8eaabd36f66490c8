//! Writing replies under `client-output-buffer-limit normal`'s soft limit: a client whose
//! unsent replies stay at or above the soft limit for longer than the soft seconds is closed,
//! as Redis closes it (the hard limit is checked while replies are produced, in mod.rs).
//!
//! Replies wait in the connection's buffer while the socket does not take them, so the
//! pending output is what is left of the buffer during a write.

use std::io;
use std::time::{Duration, Instant};

use futures_lite::{future, AsyncWrite, AsyncWriteExt};

/// The soft limit of one client class: `bytes` (0: none) for longer than `seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoftLimit {
    /// Pending output at or above this many bytes starts the clock (0: no soft limit).
    pub bytes: u64,
    /// How long the output may stay at or above `bytes`.
    pub seconds: u64,
}

impl SoftLimit {
    /// How long pending output may stay over the limit. Redis measures it in whole seconds
    /// and closes once more than `seconds` have passed, so zero still allows under a second.
    fn grace(&self) -> Duration {
        Duration::from_secs(self.seconds.max(1))
    }
}

/// How a bounded write ended.
#[derive(Debug)]
pub enum Written {
    /// Every byte was handed to the socket.
    All,
    /// The output stayed over the soft limit too long; the connection must close.
    OverSoftLimit,
    /// The socket failed; the connection must close.
    Failed(io::Error),
}

/// Writes all of `buf`. The soft limit is only looked up (`soft_limit()`, which reads the
/// shared configuration) when the socket did not take everything at once, so the common case
/// costs one write and no lock.
pub async fn write_bounded<S: AsyncWrite + Unpin>(
    stream: &mut S,
    buf: &[u8],
    soft_limit: impl FnOnce() -> SoftLimit,
) -> Written {
    let mut rest = buf;
    match stream.write(rest).await {
        Ok(0) if !rest.is_empty() => return Written::Failed(io::ErrorKind::WriteZero.into()),
        Ok(n) => rest = rest.get(n..).unwrap_or_default(),
        Err(e) => return Written::Failed(e),
    }
    if rest.is_empty() {
        return Written::All;
    }
    let limit = soft_limit();
    let over_since = Instant::now();
    while limit.bytes > 0 && rest.len() as u64 >= limit.bytes {
        let Some(left) = limit.grace().checked_sub(over_since.elapsed()) else {
            return Written::OverSoftLimit;
        };
        // Dropping an unfinished write is safe: glommio keeps its readiness wait in the stream.
        let write = async { Some(stream.write(rest).await) };
        let expire = async {
            glommio::timer::sleep(left).await;
            None
        };
        match future::or(write, expire).await {
            None => return Written::OverSoftLimit,
            Some(Ok(0)) => return Written::Failed(io::ErrorKind::WriteZero.into()),
            Some(Ok(n)) => rest = rest.get(n..).unwrap_or_default(),
            Some(Err(e)) => return Written::Failed(e),
        }
    }
    match stream.write_all(rest).await {
        Ok(()) => Written::All,
        Err(e) => Written::Failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redis_whole_seconds_give_zero_seconds_a_short_grace() {
        let zero = SoftLimit {
            bytes: 1,
            seconds: 0,
        };
        assert_eq!(zero.grace(), Duration::from_secs(1));
        let ten = SoftLimit {
            bytes: 1,
            seconds: 10,
        };
        assert_eq!(ten.grace(), Duration::from_secs(10));
    }
}
