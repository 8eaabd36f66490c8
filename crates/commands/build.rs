//! Compiles the C shim that gives INCRBYFLOAT and float parsing the C library's exact
//! arithmetic and formatting (`long double`, `strtold`, `strtod`, `%.17Lf`); see
//! `csrc/longdouble.c`.

fn main() {
    println!("cargo:rerun-if-changed=csrc/longdouble.c");
    cc::Build::new()
        .file("csrc/longdouble.c")
        .warnings(true)
        .compile("ringkv_longdouble");
}
