#![no_main]
//! E-mail of any bytes: the first byte picks `.eml` or `.mbox`, the rest is the file, through
//! the checks of `isnad::fuzzing::ingest_as` (attachments are read as files in turn).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((&kind, bytes)) = data.split_first() {
        let name = if kind % 2 == 0 { "message.eml" } else { "box.mbox" };
        isnad::fuzzing::ingest_as(name, bytes);
    }
});
