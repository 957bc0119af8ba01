//! (reconnect tests)
