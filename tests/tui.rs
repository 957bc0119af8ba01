//! Integration tests: tui (one test binary; modules under tests/tui/).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "tui/app.rs"]
mod app;
#[path = "tui/english.rs"]
mod english;
#[path = "tui/footer.rs"]
mod footer;
#[path = "tui/pos_screen.rs"]
mod pos_screen;
#[path = "tui/replay.rs"]
mod replay;
#[path = "tui/snapshots.rs"]
mod snapshots;
#[path = "tui/start_screen.rs"]
mod start_screen;
#[path = "tui/stop_tmux.rs"]
mod stop_tmux;
#[path = "tui/tmux_e2e.rs"]
mod tmux_e2e;
#[path = "tui/zh_screen.rs"]
mod zh_screen;
