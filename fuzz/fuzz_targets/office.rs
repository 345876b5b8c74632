#![no_main]
//! Word and OpenDocument files of any bytes: the first byte picks `.docx` or `.odt`, the rest
//! is the file, through the checks of `isnad::fuzzing::ingest_as`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((&kind, bytes)) = data.split_first() {
        let name = if kind % 2 == 0 { "report.docx" } else { "report.odt" };
        isnad::fuzzing::ingest_as(name, bytes);
    }
});
