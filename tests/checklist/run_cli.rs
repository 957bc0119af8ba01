//! (run_cli tests)
