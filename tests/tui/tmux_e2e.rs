//! (tmux_e2e tests)
