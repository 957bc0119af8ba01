//! (emv tests)
