//! (doctor tests)
