#![no_main]
//! Any bytes as a file named `feed.xml` (see `isnad::fuzzing::ingest_as`).

libfuzzer_sys::fuzz_target!(|data: &[u8]| isnad::fuzzing::ingest_as("feed.xml", data));
