//! (pos tests)
