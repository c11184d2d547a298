//! Fuzz target: any bytes read as text, through to the SSML writer (see check.rs).
#![no_main]

#[path = "../check.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    check::check(hark::ingest::Format::Text, data);
});
