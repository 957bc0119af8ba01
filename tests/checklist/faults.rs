//! (faults tests)
