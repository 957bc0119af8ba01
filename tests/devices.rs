//! Integration tests: devices (one test binary; modules under tests/devices/).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "devices/cli.rs"]
mod cli;
#[path = "devices/cli_rules.rs"]
mod cli_rules;
#[path = "devices/cli_zh.rs"]
mod cli_zh;
#[path = "devices/crt310.rs"]
mod crt310;
#[path = "devices/crt310_manual.rs"]
mod crt310_manual;
#[path = "devices/crt591.rs"]
mod crt591;
#[path = "devices/emv_flow.rs"]
mod emv_flow;
#[path = "devices/emvpt.rs"]
mod emvpt;
#[path = "tui/english.rs"]
mod english;
#[path = "devices/msr605.rs"]
mod msr605;
#[path = "devices/msr605_write.rs"]
mod msr605_write;
#[path = "devices/msrx.rs"]
mod msrx;
#[path = "devices/transport.rs"]
mod transport;
