use super::*;
use proptest::prelude::*;

fn args(parser: &RequestParser, buf: &[u8], parsed: Parsed) -> Vec<Vec<u8>> {
    let source = match parsed {
        Parsed::Inline { .. } => parser.scratch(),
        _ => buf,
    };
    parser
        .spans()
        .iter()
        .map(|s| s.of(source).to_vec())
        .collect()
}

fn parse_all(buf: &[u8]) -> Result<Vec<Vec<Vec<u8>>>, ProtocolError> {
    let mut parser = RequestParser::new();
    let mut pos = 0;
    let mut commands = Vec::new();
    loop {
        match parser.parse(&buf[pos..], &RequestLimits::default())? {
            Parsed::Incomplete { .. } => return Ok(commands),
            Parsed::Empty { consumed } => pos += consumed,
            p @ (Parsed::Frame { consumed } | Parsed::Inline { consumed }) => {
                commands.push(args(&parser, &buf[pos..], p));
                pos += consumed;
            }
        }
    }
}

fn strs(cmds: &[Vec<Vec<u8>>]) -> Vec<Vec<String>> {
    cmds.iter()
        .map(|c| {
            c.iter()
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect()
        })
        .collect()
}

#[test]
fn multibulk_frames_parse_in_place() {
    let cmds = parse_all(b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*1\r\n$4\r\nPING\r\n").unwrap();
    assert_eq!(strs(&cmds), vec![vec!["GET", "k"], vec!["PING"]]);
}

#[test]
fn inline_commands_follow_sdssplitargs_quoting() {
    let cmds = parse_all(b"SET k \"a\\x41\\n b\" 'it\\'s'\r\nPING\n").unwrap();
    assert_eq!(
        strs(&cmds),
        vec![vec!["SET", "k", "aA\n b", "it's"], vec!["PING"]]
    );
}

#[test]
fn inline_unbalanced_quotes_are_a_protocol_error() {
    assert_eq!(
        parse_all(b"SET \"abc\r\n"),
        Err(ProtocolError::UnbalancedQuotes)
    );
    assert_eq!(
        parse_all(b"SET \"a\"b\r\n"),
        Err(ProtocolError::UnbalancedQuotes)
    );
}

#[test]
fn empty_requests_are_skipped() {
    let cmds = parse_all(b"*0\r\n*-1\r\n\r\n   \r\n*1\r\n$4\r\nPING\r\n").unwrap();
    assert_eq!(strs(&cmds), vec![vec!["PING"]]);
}

#[test]
fn malformed_headers_get_redis_errors() {
    assert_eq!(
        parse_all(b"*abc\r\n"),
        Err(ProtocolError::InvalidMultibulkLength)
    );
    assert_eq!(
        parse_all(b"*2147483648\r\n"),
        Err(ProtocolError::InvalidMultibulkLength)
    );
    assert_eq!(
        parse_all(b"*1\r\n$-5\r\n"),
        Err(ProtocolError::InvalidBulkLength)
    );
    assert_eq!(
        parse_all(b"*1\r\nfoo\r\n"),
        Err(ProtocolError::ExpectedDollar('f'))
    );
    assert_eq!(
        parse_all(b"*1\r\n$1073741824\r\n"),
        Err(ProtocolError::InvalidBulkLength)
    );
    let long = vec![b'a'; INLINE_MAX_LEN + 1];
    assert_eq!(parse_all(&long), Err(ProtocolError::TooBigInline));
}

#[test]
fn unauthenticated_clients_get_tight_header_limits() {
    let limits = RequestLimits {
        auth_required: true,
        ..Default::default()
    };
    let mut parser = RequestParser::new();
    assert_eq!(
        parser.parse(b"*11\r\n", &limits),
        Err(ProtocolError::UnauthenticatedMultibulkLength)
    );
    let mut parser = RequestParser::new();
    assert_eq!(
        parser.parse(b"*1\r\n$16385\r\n", &limits),
        Err(ProtocolError::UnauthenticatedBulkLength)
    );
}

#[test]
fn a_frame_split_at_every_byte_resumes_to_the_same_command() {
    let frame = b"*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n";
    for cut in 1..frame.len() {
        let mut parser = RequestParser::new();
        let first = parser
            .parse(&frame[..cut], &RequestLimits::default())
            .unwrap();
        assert!(matches!(first, Parsed::Incomplete { .. }), "cut {cut}");
        let done = parser.parse(frame, &RequestLimits::default()).unwrap();
        assert_eq!(
            done,
            Parsed::Frame {
                consumed: frame.len()
            }
        );
        assert_eq!(
            strs(&[args(&parser, frame, done)]),
            vec![vec!["SET", "key", "value"]]
        );
    }
}

#[test]
fn string2ll_rules_are_strict() {
    assert_eq!(parse_i64(b"0"), Some(0));
    assert_eq!(parse_i64(b"-9223372036854775808"), Some(i64::MIN));
    assert_eq!(parse_i64(b"9223372036854775808"), None);
    for bad in [&b"01"[..], b"+1", b"-0", b"", b" 1", b"1 ", b"-"] {
        assert_eq!(parse_i64(bad), None, "{:?}", bad);
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_all(&data);
    }

    #[test]
    fn encoded_commands_round_trip(cmd in proptest::collection::vec(
        proptest::collection::vec(any::<u8>(), 0..40), 1..8)) {
        let mut frame = format!("*{}\r\n", cmd.len()).into_bytes();
        for arg in &cmd {
            frame.extend_from_slice(format!("${}\r\n", arg.len()).as_bytes());
            frame.extend_from_slice(arg);
            frame.extend_from_slice(b"\r\n");
        }
        let parsed = parse_all(&frame).unwrap();
        prop_assert_eq!(parsed, vec![cmd]);
    }
}
