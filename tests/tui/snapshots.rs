//! (snapshots tests)
