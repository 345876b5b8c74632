#![no_main]
//! PDF files of any bytes: `isnad::fuzzing::ingest_as` on `report.pdf`. Start it from the
//! seeds and the fixtures: `cargo +nightly fuzz run pdf fuzz/seeds/pdf tests/data/formats/pdf`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| isnad::fuzzing::ingest_as("report.pdf", data));
