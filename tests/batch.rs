//! Integration tests: batch (one test binary; modules under tests/batch/).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/shared.rs"]
mod shared;

#[path = "batch/batch.rs"]
mod batch;
#[path = "batch/doctor.rs"]
mod doctor;
#[path = "tui/english.rs"]
mod english;
#[path = "batch/errors_zh.rs"]
mod errors_zh;
#[path = "batch/identity.rs"]
mod identity;
#[path = "batch/reconnect.rs"]
mod reconnect;
#[path = "batch/ser2net.rs"]
mod ser2net;
#[path = "batch/summarize.rs"]
mod summarize;
#[path = "batch/words.rs"]
mod words;
