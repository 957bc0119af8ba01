//! (report tests)
