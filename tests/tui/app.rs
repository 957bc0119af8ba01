//! (app tests)
