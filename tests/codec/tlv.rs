//! (tlv tests)
