//! (regressions tests)
