//! (summarize tests)
