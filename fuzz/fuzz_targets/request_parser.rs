//! libFuzzer target: arbitrary bytes, split at arbitrary points, through `resp::RequestParser`.
//! The checks live in the library so that the stable fallback loop runs exactly the same ones.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    ringkv_fuzz::check_request_parser(data);
});
