//! Integration tests: reliability under attack (issue 18), one module per kind of fault, each
//! example of the issue run the way a user or an attacker would (one test binary; modules
//! under tests/armor/). The host under siege is in `tests/net/siege.rs`, the crash replay in
//! `tests/fuzz.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "armor/common.rs"]
mod common;
#[path = "armor/false_pass.rs"]
mod false_pass;
#[path = "armor/folders.rs"]
mod folders;
#[path = "armor/hangs.rs"]
mod hangs;
#[path = "armor/loaders.rs"]
mod loaders;
#[path = "armor/noise.rs"]
mod noise;
#[path = "armor/stdout.rs"]
mod stdout;
