//! (load tests)
