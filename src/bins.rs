//! BIN → issuing bank: built-in table (schemes and major Chinese banks) plus --bins overrides.
