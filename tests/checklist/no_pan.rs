//! (no_pan tests)
