#![no_main]
//! Fuzzes the MSR605 framers (both directions): never panic, frames stay inside the input.
use cardbench::codec::msr605::{parse, parse_command, CommandParse, Expect, Parsed};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for e in [
        Expect::Status,
        Expect::CommTest,
        Expect::Model,
        Expect::Firmware,
        Expect::IsoBlock,
        Expect::RawBlock,
    ] {
        match parse(e, data) {
            Parsed::Frame { skipped, len, .. } => assert!(skipped + len <= data.len()),
            Parsed::Incomplete { skipped } => assert!(skipped <= data.len()),
            Parsed::Bad { skipped, .. } => assert!(skipped < data.len()),
        }
    }
    match parse_command(data) {
        CommandParse::Command { skipped, len, .. } => assert!(skipped + len <= data.len()),
        CommandParse::Incomplete { skipped } => assert!(skipped <= data.len()),
        CommandParse::Bad { skipped, .. } => assert!(skipped < data.len()),
    }
});
