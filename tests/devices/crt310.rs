//! (crt310 tests)
