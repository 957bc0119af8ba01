//! (emv_flow tests)
