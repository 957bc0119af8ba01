//! (client tests)
