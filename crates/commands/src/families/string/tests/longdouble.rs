use crate::families::string::longdouble::{incr_by_float, string2d, IncrFloatError};
use crate::{errors, parse};

#[test]
fn incr_by_float_counts_a_missing_value_as_zero() {
    assert_eq!(incr_by_float(None, b"2.5").as_deref(), Ok(&b"2.5"[..]));
}

#[test]
fn incr_by_float_tells_which_operand_is_bad() {
    assert_eq!(
        incr_by_float(Some(b"x"), b"y"),
        Err(IncrFloatError::BadCurrent)
    );
    assert_eq!(
        incr_by_float(Some(b"1"), b"y"),
        Err(IncrFloatError::BadIncrement)
    );
    assert_eq!(
        incr_by_float(Some(b"1"), b"inf"),
        Err(IncrFloatError::NanOrInfinity)
    );
}

#[test]
fn incr_by_float_refuses_texts_of_5k_bytes_or_more() {
    let long = format!("1{}", "0".repeat(5 * 1024 - 1));
    assert_eq!(
        incr_by_float(None, long.as_bytes()),
        Err(IncrFloatError::BadIncrement)
    );
    assert!(incr_by_float(None, &long.as_bytes()[1..]).is_ok());
}

#[test]
fn string2d_accepts_what_strtod_consumes_whole() {
    assert_eq!(string2d(b"1.5"), Some(1.5));
    assert_eq!(string2d(b"0x1p3"), Some(8.0));
    assert_eq!(string2d(b"-inf"), Some(f64::NEG_INFINITY));
    assert_eq!(string2d(b"Infinity"), Some(f64::INFINITY));
    assert_eq!(string2d(b".5"), Some(0.5));
    assert_eq!(string2d(&[b'1'; 200]), Some(1.111_111_111_111_111_1e199));
}

#[test]
fn string2d_refuses_spaces_leftovers_nan_and_range_errors() {
    for text in [
        &b""[..],
        b" 1",
        b"1 ",
        b"1e",
        b"nan",
        b"1e500",
        b"-1e500",
        b"1e-400",
        b"1\x00",
    ] {
        assert_eq!(string2d(text), None, "{:?}", String::from_utf8_lossy(text));
    }
}

#[test]
fn float_arguments_are_judged_as_redis_string2d_judges_them() {
    assert_eq!(parse::float(b"2.5"), Ok(2.5));
    assert_eq!(parse::float(b"abc"), Err(errors::err(errors::NOT_FLOAT)));
}
