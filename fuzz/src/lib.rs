//! Fuzz harnesses shared by the libFuzzer targets and the stable loop: `resp::RequestParser`
//! here, the ACL rule parser in [`acl`] (with [`acl_soup`], its stable-loop input generator).
//!
//! A request-parser input is `[flags][seed: 8 bytes][payload...]`. The flags pick the parser limits, the seed
//! picks where the payload is cut into reads, and the payload is fed the way a connection feeds
//! it: appended to a pending buffer, parsed from its first byte, consumed bytes drained.
//!
//! Invariants checked (any violation panics, which the fuzzer reports as a crash):
//! 1. the parser never panics, whatever the bytes;
//! 2. `consumed` is never 0 and never past the buffer; every span lies inside the frame it came
//!    from (multibulk) or inside the scratch buffer (inline); an `Incomplete { need }` hint is 0
//!    or more than the bytes already there;
//! 3. cutting the payload into reads changes nothing: the split run yields the same commands,
//!    the same error and the same unparsed tail as one whole read;
//! 4. every command parsed, re-encoded as RESP multibulk and parsed again (also split), comes
//!    back byte for byte with no error and no leftover.

pub mod acl;
pub mod acl_soup;
mod split;

use resp::{Parsed, ProtocolError, RequestLimits, RequestParser};
pub use split::{chunks, SplitMix};

/// Redis's inline and header-line limit (PROTO_INLINE_MAX_SIZE), mirrored from `resp`, which does
/// not export it.
const INLINE_MAX_LEN: usize = 64 * 1024;

/// What the parser produced for one request, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A command and its arguments.
    Command(Vec<Vec<u8>>),
    /// An empty request (`*0`, `*-1`, a blank inline line).
    Empty,
    /// A protocol error; the connection closes after it.
    Error(ProtocolError),
}

/// Everything one feeding of a payload produced.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The requests, in order; an error, if any, is last.
    pub events: Vec<Event>,
    /// Bytes from the first unparsed request (the failing one, after an error) to the end.
    pub leftover: Vec<u8>,
}

/// Bytes of an input taken by the flags byte and the split seed.
pub const HEADER_LEN: usize = 9;

/// Runs every check on one fuzz input; panics on the first invariant that does not hold.
pub fn check_request_parser(data: &[u8]) {
    let (limits, seed, payload) = decode_input(data);
    let whole = feed(std::iter::once(payload), &limits);
    let mut rng = SplitMix::new(seed);
    let split = feed(chunks(payload, &mut rng), &limits);
    // Past the inline limit the outcome legitimately depends on how much had arrived when the
    // limit was checked (Redis behaves the same), so only the span checks apply there.
    if payload.len() <= INLINE_MAX_LEN {
        assert_eq!(whole, split, "splitting the input changed the parse");
    }
    check_round_trip(&whole.events, &mut rng);
}

/// Splits an input into parser limits, a split seed and the payload.
fn decode_input(data: &[u8]) -> (RequestLimits, u64, &[u8]) {
    let flags = data.first().copied().unwrap_or(0);
    let mut seed_bytes = [0u8; 8];
    let seed_src = data.get(1..HEADER_LEN.min(data.len())).unwrap_or(&[]);
    seed_bytes[..seed_src.len()].copy_from_slice(seed_src);
    let payload = data.get(HEADER_LEN..).unwrap_or(&[]);
    let limits = RequestLimits {
        // A tiny proto-max-bulk-len reaches the "invalid bulk length" path with short inputs.
        max_bulk_len: if flags & 2 != 0 {
            64
        } else {
            RequestLimits::default().max_bulk_len
        },
        auth_required: flags & 1 != 0,
    };
    (limits, u64::from_le_bytes(seed_bytes), payload)
}

/// Feeds reads to a fresh parser the way a connection does, checking spans at every step.
pub fn feed<'a>(reads: impl Iterator<Item = &'a [u8]>, limits: &RequestLimits) -> Outcome {
    let mut parser = RequestParser::new();
    let mut pending = Vec::new();
    let mut events = Vec::new();
    let mut open = true;
    for read in reads {
        pending.extend_from_slice(read);
        // After an error the rest is only collected, so that `leftover` is comparable between
        // a whole and a split run: the failing request's first byte to the end of the input.
        if open {
            open = parse_pending(&mut parser, &mut pending, limits, &mut events);
        }
    }
    Outcome {
        events,
        leftover: pending,
    }
}

/// Parses every whole request in `pending`, draining what was consumed. Returns false once a
/// protocol error has closed the connection.
fn parse_pending(
    parser: &mut RequestParser,
    pending: &mut Vec<u8>,
    limits: &RequestLimits,
    events: &mut Vec<Event>,
) -> bool {
    loop {
        let parsed = match parser.parse(pending, limits) {
            Ok(parsed) => parsed,
            Err(error) => {
                assert!(!parser.in_progress(), "an error must reset the parser");
                events.push(Event::Error(error));
                return false;
            }
        };
        let consumed = match parsed {
            Parsed::Incomplete { need } => {
                assert!(
                    need == 0 || need > pending.len(),
                    "need {need} <= {}",
                    pending.len()
                );
                return true;
            }
            Parsed::Empty { consumed } => {
                events.push(Event::Empty);
                consumed
            }
            Parsed::Frame { consumed } => {
                events.push(Event::Command(args_within(
                    parser,
                    &pending[..consumed.min(pending.len())],
                )));
                consumed
            }
            Parsed::Inline { consumed } => {
                events.push(Event::Command(args_within(parser, parser.scratch())));
                consumed
            }
        };
        assert!(
            consumed > 0 && consumed <= pending.len(),
            "consumed {consumed} of {}",
            pending.len()
        );
        assert!(
            !parser.in_progress(),
            "a complete request must leave no frame in progress"
        );
        pending.drain(..consumed);
    }
}

/// The arguments of the last command, asserting that every span lies within `source`.
fn args_within(parser: &RequestParser, source: &[u8]) -> Vec<Vec<u8>> {
    assert!(
        !parser.spans().is_empty(),
        "a command has at least one argument"
    );
    let args = parser.spans().iter().map(|span| {
        let end = span.start as usize + span.len as usize;
        assert!(
            end <= source.len(),
            "span {span:?} past the {} bytes it indexes",
            source.len()
        );
        span.of(source).to_vec()
    });
    args.collect()
}

/// Re-encodes the commands as RESP multibulk and checks they parse back unchanged.
fn check_round_trip(events: &[Event], rng: &mut SplitMix) {
    let commands: Vec<&Vec<Vec<u8>>> = events
        .iter()
        .filter_map(|event| match event {
            Event::Command(args) => Some(args),
            _ => None,
        })
        .collect();
    let mut encoded = Vec::new();
    for args in &commands {
        encode_multibulk(args, &mut encoded);
    }
    let outcome = feed(chunks(&encoded, rng), &RequestLimits::default());
    let expected: Vec<Event> = commands
        .iter()
        .map(|args| Event::Command(args.to_vec()))
        .collect();
    assert_eq!(
        outcome.events, expected,
        "re-encoded commands did not parse back"
    );
    assert!(
        outcome.leftover.is_empty(),
        "re-encoded commands left bytes unparsed"
    );
}

/// Appends `args` as one RESP multibulk request.
pub fn encode_multibulk(args: &[Vec<u8>], out: &mut Vec<u8>) {
    out.extend_from_slice(format!("*{}\r\n", args.len()).as_bytes());
    for arg in args {
        out.extend_from_slice(format!("${}\r\n", arg.len()).as_bytes());
        out.extend_from_slice(arg);
        out.extend_from_slice(b"\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(flags: u8, seed: u64, payload: &[u8]) -> Vec<u8> {
        let mut data = vec![flags];
        data.extend_from_slice(&seed.to_le_bytes());
        data.extend_from_slice(payload);
        data
    }

    #[test]
    fn well_formed_pipelines_pass_every_check_at_many_splits() {
        let payload = b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING\r\n*0\r\nSET k \"v\\x41\"\n";
        for seed in 0..200 {
            check_request_parser(&input(0, seed, payload));
        }
    }

    #[test]
    fn malformed_inputs_pass_every_check() {
        for payload in [
            &b"*x\r\n"[..],
            b"*1\r\n+OK\r\n",
            b"\"abc\n",
            b"*1\r\n$-5\r\n",
            b"\0\0",
        ] {
            for flags in 0..4 {
                check_request_parser(&input(flags, 7, payload));
            }
        }
    }

    #[test]
    fn short_inputs_are_padded_not_rejected() {
        for len in 0..HEADER_LEN + 2 {
            check_request_parser(&vec![b'*'; len]);
        }
    }

    #[test]
    fn feed_reports_the_error_last_and_keeps_the_offending_bytes() {
        let outcome = feed(
            std::iter::once(&b"PING\r\n*1\r\n!"[..]),
            &RequestLimits::default(),
        );
        assert_eq!(outcome.events[0], Event::Command(vec![b"PING".to_vec()]));
        assert_eq!(
            outcome.events.len(),
            1,
            "the frame is still incomplete: {outcome:?}"
        );
        assert_eq!(outcome.leftover, b"*1\r\n!");
    }

    #[test]
    fn feed_keeps_everything_from_the_failing_request_on() {
        let reads = [&b"PING\r\n*x\r\n"[..], b"tail"];
        let outcome = feed(reads.into_iter(), &RequestLimits::default());
        let error = Event::Error(ProtocolError::InvalidMultibulkLength);
        assert_eq!(outcome.events.last(), Some(&error));
        assert_eq!(outcome.leftover, b"*x\r\ntail");
    }
}
