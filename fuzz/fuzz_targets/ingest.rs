#![no_main]
//! See `isnad::fuzzing::ingest` for what is fed and what must hold.

libfuzzer_sys::fuzz_target!(|data: &[u8]| isnad::fuzzing::ingest(data));
