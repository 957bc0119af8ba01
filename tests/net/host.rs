//! (host tests)
