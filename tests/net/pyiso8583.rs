//! (pyiso8583 tests)
