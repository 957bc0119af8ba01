//! (cli tests)
