//! (msrx tests)
