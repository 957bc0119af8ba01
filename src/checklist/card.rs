//! What the swipe and chip steps read from one card, kept for the steps after them (the host
//! authorisation). Clear values stay in their masked wrappers.

use crate::sensitive::{Pan, Track2};

/// What the swipe and chip steps read from one card; filled by the swipe and chip judges.
#[derive(Clone, Debug, Default)]
#[allow(dead_code)] // service code and AID are kept for the POS host step (issue 11)
pub(crate) struct CardData {
    pub pan: Option<Pan>,
    /// Track 2 as the stripe gave it.
    pub track2: Option<Track2>,
    /// The chip's track-2 equivalent (tag 57).
    pub chip_track2: Option<Track2>,
    /// YYMM.
    pub expiry: Option<String>,
    pub service_code: Option<String>,
    /// DE 55 candidate (chip data as TLV), when the chip step read one.
    pub icc_data: Option<Vec<u8>>,
    /// The selected application (hex), empty before the chip step.
    pub aid: String,
    /// PAN sequence number (`5F34`) from the chip, for DE23.
    pub card_seq: Option<u8>,
}
