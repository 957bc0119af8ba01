//! (msr605 tests)
