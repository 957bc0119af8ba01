//! (batch tests)
