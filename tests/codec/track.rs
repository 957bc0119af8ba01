//! (track tests)
