//! The chip part of a simulated sale: DE55 as a UnionPay chip POS sends it, with the TVR and
//! TSI following from the terminal's own state — a CA key it does not hold fails offline data
//! authentication, a kernel whose application version differs from the card's sets "ICC and
//! terminal have different application versions".
//!
//! The bench's EMV flow (issue 12) is to replace the cryptogram and the card side here: until
//! it drives the simulated card, the cryptogram is synthetic and only the terminal-side bits
//! are computed.

use super::scenario::PosCard;
use super::terminal::PosTerminal;
use crate::codec::tlv::{encode as encode_tlv, prim};

fn hexb(s: &str) -> Vec<u8> {
    crate::hexfmt::parse_hex(s).unwrap_or_default()
}

/// The card's application version (9F08) the simulated cards carry.
pub const CARD_APP_VERSION: &str = "0030";

/// `RID/index` → (RID bytes, index).
pub fn parse_ca_key(s: &str) -> Option<(Vec<u8>, u8)> {
    let (rid, idx) = s.split_once('/')?;
    let rid = crate::hexfmt::parse_hex(rid).ok()?;
    let idx = u8::from_str_radix(idx.trim(), 16).ok()?;
    (rid.len() == 5).then_some((rid, idx))
}

/// TVR and TSI of a chip sale on this terminal (the card's overrides win).
pub fn tvr_tsi(term: &PosTerminal, card: &PosCard) -> (String, String) {
    let mut tvr = [0u8; 5];
    let mut tsi = [0xE8u8, 0x00];
    let has_key = parse_ca_key(&card.ca_key).is_some_and(|k| term.ca_keys.contains(&k));
    if term.spec.app_type == "61" && !has_key {
        // The CA public key is missing: DDA cannot be performed and counts as failed.
        tvr[0] |= 0x08;
        tsi[0] |= 0x80;
    }
    if !term
        .spec
        .kernel_version
        .eq_ignore_ascii_case(CARD_APP_VERSION)
    {
        tvr[1] |= 0x80;
    }
    (
        card.tvr.clone().unwrap_or_else(|| crate::hexfmt::hex(&tvr)),
        card.tsi.clone().unwrap_or_else(|| crate::hexfmt::hex(&tsi)),
    )
}

/// DE55 of a chip sale (synthetic cryptogram), BER-TLV encoded by `codec::tlv` (a scenario's
/// TVR or TSI may be longer than 127 bytes).
pub fn icc_data(term: &PosTerminal, card: &PosCard, amount: u64, stan: u32) -> Vec<u8> {
    let (tvr, tsi) = tvr_tsi(term, card);
    let date = chrono::Local::now().format("%y%m%d").to_string();
    encode_tlv(&[
        prim(0x9F26, [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]),
        prim(0x9F27, [0x80]),
        prim(0x9F10, hexb("07010103A00000010A010000000000ED538FE4")),
        prim(0x9F37, [0x7F, 0x9F, 0x34, 0x9E]),
        prim(0x9F36, [0x00, 0x01]),
        prim(0x95, hexb(&tvr)),
        prim(0x9B, hexb(&tsi)),
        prim(0x9A, hexb(&date)),
        prim(0x9C, [0x00]),
        prim(0x9F02, hexb(&format!("{amount:012}"))),
        prim(0x9F03, [0u8; 6]),
        prim(0x5F2A, [0x01, 0x56]),
        prim(0x82, [0x7C, 0x00]),
        prim(0x9F1A, [0x01, 0x56]),
        prim(0x9F33, [0xE0, 0xE1, 0xC8]),
        prim(0x9F34, [0x02, 0x03, 0x00]),
        prim(0x9F09, hexb(&term.spec.kernel_version)),
        prim(0x84, hexb(&card.aid)),
        prim(0x9F41, hexb(&format!("{stan:08}"))),
    ])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::sim::pos::scenario::PosSpec;

    fn card(tvr: Option<String>) -> PosCard {
        PosCard {
            label: "long TVR".into(),
            pan: "6212260000000000026".into(),
            expiry: "2812".into(),
            service_code: "201".into(),
            entry: "chip".into(),
            amount_minor: None,
            tvr,
            tsi: None,
            pin: None,
            aid: "A000000333010101".into(),
            ca_key: "A000000333/F1".into(),
        }
    }

    #[test]
    fn de55_values_past_127_bytes_keep_their_length() {
        let term = PosTerminal::new(&PosSpec::default());
        let de55 = icc_data(&term, &card(Some("AB".repeat(200))), 100, 7);
        let items = crate::codec::tlv::parse(&de55).unwrap();
        let tvr = crate::codec::tlv::find(&items, 0x95).unwrap();
        assert_eq!(tvr.value, vec![0xAB; 200]);
        assert_eq!(
            crate::codec::tlv::find(&items, 0x9F41).unwrap().value,
            [0, 0, 0, 7]
        );
        assert_eq!(encode_tlv(&items), de55);
    }

    #[test]
    fn tvr_follows_the_terminal() {
        let mut term = PosTerminal::new(&PosSpec::default());
        let c = card(None);
        assert_eq!(tvr_tsi(&term, &c).0, "0800000000", "no CA key stored yet");
        term.ca_keys.push(parse_ca_key("A000000333/F1").unwrap());
        assert_eq!(tvr_tsi(&term, &c), ("0000000000".into(), "E800".into()));
        term.spec.kernel_version = "0020".into();
        assert_eq!(tvr_tsi(&term, &c).0, "0080000000");
    }
}
