//! (engine tests)
