//! (transport tests)
