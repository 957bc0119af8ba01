//! Integration tests: net (one test binary; modules under tests/net/).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "net/client.rs"]
mod client;
#[path = "tui/english.rs"]
mod english;
#[path = "net/host.rs"]
mod host;
#[path = "net/host_zh.rs"]
mod host_zh;
#[path = "net/load.rs"]
mod load;
#[path = "net/pos.rs"]
mod pos;
#[path = "net/pos_client.rs"]
mod pos_client;
#[path = "net/pos_run.rs"]
mod pos_run;
#[path = "net/psec.rs"]
mod psec;
#[path = "net/pyiso8583.rs"]
mod pyiso8583;
#[path = "net/siege.rs"]
mod siege;
