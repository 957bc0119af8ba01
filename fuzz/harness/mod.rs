//! The fuzz harness: one entry per fuzz target, shared by the cargo-fuzz binaries
//! (`fuzz/fuzz_targets/<target>.rs`) and the crash-replay test (`tests/fuzz.rs`), so what
//! `cargo test` replays is exactly what the fuzzer ran.
//!
//! Each entry takes the fuzzer's bytes, drives one parser or loader the way the bench does
//! (decode, then show, re-encode, mask), and checks what must hold for any input: no panic, no
//! endless loop, and no clear card number in anything the bench would print. A failed check
//! panics, which the fuzzer reports as a crash.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod codec;
pub mod devices;
pub mod host;
pub mod loaders;

/// A fuzz target: its name (the folder under `fuzz/corpus/` and `fixtures/fuzz-regressions/`)
/// and its entry.
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
}

/// Every fuzz target, in the order `.ci/run` runs them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "track",
        run: codec::track,
    },
    Target {
        name: "atr",
        run: codec::atr,
    },
    Target {
        name: "apdu_t0",
        run: codec::apdu_t0,
    },
    Target {
        name: "tlv",
        run: codec::tlv,
    },
    Target {
        name: "iso8583",
        run: codec::iso8583,
    },
    Target {
        name: "crt310",
        run: devices::crt310,
    },
    Target {
        name: "crt591",
        run: devices::crt591,
    },
    Target {
        name: "msr605",
        run: devices::msr605,
    },
    Target {
        name: "pos_host",
        run: host::pos_host,
    },
    Target {
        name: "deck",
        run: loaders::deck,
    },
    Target {
        name: "scenario",
        run: loaders::scenario,
    },
    Target {
        name: "host_rules",
        run: loaders::host_rules,
    },
    Target {
        name: "stations",
        run: loaders::stations,
    },
    Target {
        name: "bin_csv",
        run: loaders::bin_csv,
    },
    Target {
        name: "pos_scenario",
        run: loaders::pos_scenario,
    },
    Target {
        name: "keys",
        run: loaders::keys,
    },
    Target {
        name: "params",
        run: loaders::params,
    },
    Target {
        name: "terminal",
        run: loaders::terminal,
    },
    Target {
        name: "args",
        run: loaders::args,
    },
];

/// Text a loader sees: the bytes as UTF-8, lossily (loaders read text files).
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Fails the run when `shown` (anything the bench would print or write) holds a clear card
/// number: a 13–19 digit Luhn-valid run.
pub fn assert_no_clear_pan(what: &str, shown: &str) {
    if let Some(m) = cardbench::sensitive::find_clear_pan(shown) {
        panic!("{what}: a clear PAN ({m}) in {shown:?}");
    }
}
