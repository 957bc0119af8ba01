//! (ser2net tests)
