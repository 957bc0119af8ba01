//! (sigkill tests)
