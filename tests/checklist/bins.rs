//! (bins tests)
