//! (diagnosis tests)
