//! (apdu tests)
