//! libFuzzer target: arbitrary bytes as a user name and ACL SETUSER rules (and as an ACL file)
//! through `crates/acl`. The checks live in the library so that the stable loop runs the same.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    ringkv_fuzz::acl::check_acl_rules(data);
});
