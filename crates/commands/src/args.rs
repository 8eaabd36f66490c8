//! A command's arguments: a view over the bytes they were parsed from.

use bytes::Bytes;
use resp::ArgSpan;

/// The arguments of one command, the name at index 0. Borrowed from the read buffer on the
/// connection's shard, or from an [`OwnedArgs`] on another shard.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    buf: &'a [u8],
    spans: &'a [ArgSpan],
}

impl<'a> Args<'a> {
    /// Arguments at `spans` within `buf`.
    pub fn new(buf: &'a [u8], spans: &'a [ArgSpan]) -> Self {
        Args { buf, spans }
    }

    /// Number of arguments, the name included.
    #[inline]
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are no arguments at all.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Argument `i` (0 is the command name). Panics when out of range: arity is checked first.
    #[inline]
    pub fn get(&self, i: usize) -> &'a [u8] {
        self.spans[i].of(self.buf)
    }

    /// Argument `i`, or `None` past the end.
    #[inline]
    pub fn try_get(&self, i: usize) -> Option<&'a [u8]> {
        self.spans.get(i).map(|s| s.of(self.buf))
    }

    /// Every argument from `start` on.
    pub fn iter_from(&self, start: usize) -> impl Iterator<Item = &'a [u8]> + 'a {
        let buf = self.buf;
        self.spans[start.min(self.spans.len())..]
            .iter()
            .map(move |s| s.of(buf))
    }

    /// Every argument.
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.iter_from(0)
    }

    /// An owned copy, to send to another shard.
    pub fn to_owned(&self) -> OwnedArgs {
        OwnedArgs::from_slices(self.iter())
    }

    /// The arguments from `start` on, as their own `Args` (ACL DRYRUN checks a command given
    /// as arguments). `start` past the end gives no arguments.
    pub fn slice_from(&self, start: usize) -> Args<'a> {
        Args {
            buf: self.buf,
            spans: self.spans.get(start..).unwrap_or(&[]),
        }
    }

    /// The raw buffer and spans, e.g. to copy a frame cheaply.
    pub fn parts(&self) -> (&'a [u8], &'a [ArgSpan]) {
        (self.buf, self.spans)
    }
}

impl std::fmt::Debug for Args<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|a| String::from_utf8_lossy(a)))
            .finish()
    }
}

/// Arguments that own their bytes (one buffer, many spans): `Send`, for cross-shard messages.
#[derive(Clone, Default)]
pub struct OwnedArgs {
    buf: Bytes,
    spans: Vec<ArgSpan>,
}

impl OwnedArgs {
    /// Builds arguments from slices.
    pub fn from_slices<'b>(args: impl IntoIterator<Item = &'b [u8]>) -> Self {
        let mut buf = Vec::new();
        let mut spans = Vec::new();
        for arg in args {
            spans.push(ArgSpan {
                start: buf.len() as u32,
                len: arg.len() as u32,
            });
            buf.extend_from_slice(arg);
        }
        OwnedArgs {
            buf: Bytes::from(buf),
            spans,
        }
    }

    /// A borrowed view.
    pub fn view(&self) -> Args<'_> {
        Args::new(&self.buf, &self.spans)
    }
}

impl std::fmt::Debug for OwnedArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.view().fmt(f)
    }
}
