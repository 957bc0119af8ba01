//! The chip step after the ATR: the EMV flow (`crate::device::emv`) turned into attempt rows
//! (selection, GPO and records, chip-vs-stripe consistency, 5F24 expiry, blocked card/app).

use super::engine::{CardData, Engine, Stop};
use crate::deck::DeckCard;
use crate::model::{Attempt, Interface, Outcome};

/// Runs the EMV flow on the powered card and returns its rows (not yet recorded).
pub(crate) fn emv_rows(
    e: &mut Engine,
    i: usize,
    _card: &DeckCard,
    _data: &mut CardData,
    atr_hex: &str,
) -> Result<Vec<Attempt>, Stop> {
    let mut a = e.row(Some(i), Interface::Chip, "select");
    a.atr = atr_hex.to_string();
    a.outcome = Outcome::Skip.as_str().into();
    a.signal = "unsupported".into();
    a.detail = "EMV flow not available in this build".into();
    Ok(vec![a])
}
