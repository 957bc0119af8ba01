//! (deck tests)
