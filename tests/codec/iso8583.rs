//! (iso8583 tests)
