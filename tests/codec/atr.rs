//! (atr tests)
