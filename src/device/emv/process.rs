//! What the terminal decides between the last READ RECORD and GENERATE AC 1 (EMV 4.3 Book 3
//! §10.4–10.7, Book 4 §6.3): processing restrictions, cardholder verification (the CVM list
//! evaluated; a plaintext offline PIN only as VERIFY answered it for a deck test card, see
//! `verify`), terminal risk management (floor limit), terminal action
//! analysis (TAC and IAC against the TVR), and the TVR / TSI bits these set. Pure functions of
//! the card's data objects and the terminal's data, so a replayed transcript gives the same
//! bits; the bit meanings are `codec::emv`'s TVR and TSI tables.

use crate::codec::emv::{parse_cvm_list, CvmRule, TerminalData};
use std::collections::BTreeMap;

/// One TVR bit: 0-based byte and mask (Book 3 Annex C5).
pub type TvrBit = (usize, u8);

pub const TVR_ODA_NOT_PERFORMED: TvrBit = (0, 0x80);
pub const TVR_SDA_FAILED: TvrBit = (0, 0x40);
pub const TVR_ICC_DATA_MISSING: TvrBit = (0, 0x20);
pub const TVR_DDA_FAILED: TvrBit = (0, 0x08);
pub const TVR_CDA_FAILED: TvrBit = (0, 0x04);
pub const TVR_SDA_SELECTED: TvrBit = (0, 0x02);
pub const TVR_VERSIONS_DIFFER: TvrBit = (1, 0x80);
pub const TVR_EXPIRED: TvrBit = (1, 0x40);
pub const TVR_NOT_EFFECTIVE: TvrBit = (1, 0x20);
pub const TVR_SERVICE_NOT_ALLOWED: TvrBit = (1, 0x10);
pub const TVR_NEW_CARD: TvrBit = (1, 0x08);
pub const TVR_CVM_FAILED: TvrBit = (2, 0x80);
pub const TVR_UNRECOGNISED_CVM: TvrBit = (2, 0x40);
pub const TVR_PIN_TRY_LIMIT: TvrBit = (2, 0x20);
pub const TVR_PIN_NOT_ENTERED: TvrBit = (2, 0x08);
pub const TVR_FLOOR_LIMIT: TvrBit = (3, 0x80);
pub const TVR_LOWER_OFFLINE_LIMIT: TvrBit = (3, 0x40);
pub const TVR_UPPER_OFFLINE_LIMIT: TvrBit = (3, 0x20);
pub const TVR_RANDOM_SELECTION: TvrBit = (3, 0x10);
pub const TVR_ISSUER_AUTH_FAILED: TvrBit = (4, 0x40);

/// TSI byte 1 bits (Book 3 Annex C6).
pub const TSI_ODA: u8 = 0x80;
pub const TSI_CVM: u8 = 0x40;
pub const TSI_CARD_RISK: u8 = 0x20;
pub const TSI_ISSUER_AUTH: u8 = 0x10;
pub const TSI_TERMINAL_RISK: u8 = 0x08;

/// The card's primitive data objects read so far (records and GPO), by tag. Card data: kept
/// in memory for the flow only, never serialised.
pub type CardTags = BTreeMap<u32, Vec<u8>>;

/// What the terminal worked out before GENERATE AC 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub tvr: [u8; 5],
    pub tsi: [u8; 2],
    /// CVM Results (`9F34`).
    pub cvm_results: [u8; 3],
    /// GENERATE AC P1: `80` ARQC, `00` AAC (denial by TAC or IAC).
    pub p1: u8,
}

/// Mandatory data objects of the records (Book 3 §7.2): expiry, PAN, CDOL1, CDOL2.
pub const MANDATORY: [u32; 4] = [0x5F24, 0x5A, 0x8C, 0x8D];

/// Sets one TVR bit.
pub fn mark(tvr: &mut [u8; 5], bit: TvrBit) {
    tvr[bit.0] |= bit.1;
}

/// Book 3 §10.4: application versions, usage control, effective and expiry dates (YYMMDD
/// compared as digits against the transaction date `9A`).
pub fn processing_restrictions(card: &CardTags, term: &TerminalData, tvr: &mut [u8; 5]) {
    if let (Some(c), Some(t)) = (card.get(&0x9F08), term.get(0x9F09)) {
        if c.as_slice() != t {
            mark(tvr, TVR_VERSIONS_DIFFER);
        }
    }
    let today = term.get(0x9A).map(crate::hexfmt::hex).unwrap_or_default();
    if let Some(exp) = card.get(&0x5F24) {
        if today.len() == 6 && crate::hexfmt::hex(exp).as_str() < today.as_str() {
            mark(tvr, TVR_EXPIRED);
        }
    }
    if let Some(eff) = card.get(&0x5F25) {
        if today.len() == 6 && crate::hexfmt::hex(eff).as_str() > today.as_str() {
            mark(tvr, TVR_NOT_EFFECTIVE);
        }
    }
    if !usage_allowed(card, term) {
        mark(tvr, TVR_SERVICE_NOT_ALLOWED);
    }
}

/// Application Usage Control (`9F07`) for goods/services (`9C` 00) and cash (`9C` 01),
/// domestic when the issuer country (`5F28`) is the terminal's (`9F1A`); other transaction
/// types are not checked.
fn usage_allowed(card: &CardTags, term: &TerminalData) -> bool {
    let Some(auc) = card.get(&0x9F07).filter(|a| !a.is_empty()) else {
        return true;
    };
    let domestic = match (card.get(&0x5F28), term.get(0x9F1A)) {
        (Some(c), Some(t)) => c.as_slice() == t,
        _ => true,
    };
    let need = match (term.get(0x9C).and_then(|v| v.first()), domestic) {
        (Some(0x00), true) => 0x20 | 0x08,
        (Some(0x00), false) => 0x10 | 0x04,
        (Some(0x01), true) => 0x80,
        (Some(0x01), false) => 0x40,
        _ => return true,
    };
    auc[0] & need != 0
}

/// Whether the terminal supports a CVM (terminal capabilities `9F33` byte 2).
fn terminal_supports(code: u8, caps: &[u8]) -> bool {
    let b2 = caps.get(1).copied().unwrap_or(0);
    match code {
        0x01 => b2 & 0x80 != 0,
        0x02 => b2 & 0x40 != 0,
        0x03 => b2 & 0xA0 == 0xA0,
        0x04 => b2 & 0x10 != 0,
        0x05 => b2 & 0x30 == 0x30,
        0x1E => b2 & 0x20 != 0,
        0x1F => b2 & 0x08 != 0,
        _ => false,
    }
}

fn amount(term: &TerminalData) -> u64 {
    let digits = term.get(0x9F02).map(crate::hexfmt::hex).unwrap_or_default();
    digits.parse().unwrap_or(0)
}

/// Whether a rule's condition applies to this transaction (Book 3 §10.5; X and Y compared
/// only when the transaction is in the application currency `9F42`).
fn condition_applies(rule: &CvmRule, x: u32, y: u32, card: &CardTags, term: &TerminalData) -> bool {
    let kind = term.get(0x9C).and_then(|v| v.first()).copied().unwrap_or(0);
    let same_currency = card
        .get(&0x9F42)
        .is_some_and(|c| Some(c.as_slice()) == term.get(0x5F2A));
    let amt = amount(term);
    match rule.condition {
        0x00 => true,
        0x01 => false, // unattended cash: the bench is attended
        0x02 => kind != 0x01 && kind != 0x09,
        0x03 => terminal_supports(rule.code, term.get(0x9F33).unwrap_or(&[])),
        0x04 => kind == 0x01,
        0x05 => kind == 0x09,
        0x06 => same_currency && amt < u64::from(x),
        0x07 => same_currency && amt > u64::from(x),
        0x08 => same_currency && amt < u64::from(y),
        0x09 => same_currency && amt > u64::from(y),
        _ => false,
    }
}

/// What VERIFY with the deck's plaintext offline PIN got from the card (EMV Book 3 §6.5.12,
/// §10.5.1). The PIN itself is never part of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum PinVerify {
    /// `90 00`: the PIN is the card's.
    Ok,
    /// `63 Cx`: not the card's PIN; `tries_left` = x.
    Wrong { tries_left: u8 },
    /// `69 83`, or a PIN try counter (`9F17`) of 0 before VERIFY (then none is sent): the PIN
    /// try limit is exceeded.
    Blocked,
    /// Any other status word, kept verbatim (`69 84` referenced data invalidated, `6A 88` no
    /// offline PIN on the card, …).
    Refused(u16),
}

impl PinVerify {
    /// The outcome a VERIFY status word means.
    pub fn from_sw(sw1: u8, sw2: u8) -> PinVerify {
        match (sw1, sw2) {
            (0x90, 0x00) => PinVerify::Ok,
            (0x63, x) if x & 0xF0 == 0xC0 && x & 0x0F > 0 => PinVerify::Wrong {
                tries_left: x & 0x0F,
            },
            (0x63, 0xC0) | (0x69, 0x83) => PinVerify::Blocked,
            (a, b) => PinVerify::Refused(u16::from_be_bytes([a, b])),
        }
    }
}

/// Book 3 §10.5: the first applicable rule the terminal can perform decides. A plaintext
/// offline PIN rule (`01`, `03`) counts as `pin` says — VERIFY sent with a deck test card's
/// PIN — and without it as "PIN pad present, PIN not entered" (failed); enciphered offline PIN
/// is never entered; online PIN and signature are "unknown" (performed later by the POS); no
/// CVM is "successful". Returns the CVM Results; sets TSI "cardholder verification performed".
pub fn cardholder_verification(
    card: &CardTags,
    term: &TerminalData,
    aip: &[u8],
    pin: Option<PinVerify>,
    tvr: &mut [u8; 5],
    tsi: &mut [u8; 2],
) -> [u8; 3] {
    evaluate_cvm(card, term, aip, pin, tvr, tsi).0
}

/// Whether cardholder verification reaches a plaintext offline PIN rule the terminal supports
/// (so a test card's PIN would be checked with VERIFY).
pub fn wants_offline_pin(card: &CardTags, term: &TerminalData, aip: &[u8]) -> bool {
    evaluate_cvm(card, term, aip, None, &mut [0; 5], &mut [0; 2]).1
}

/// [`cardholder_verification`], and whether a plaintext offline PIN rule was reached.
fn evaluate_cvm(
    card: &CardTags,
    term: &TerminalData,
    aip: &[u8],
    pin: Option<PinVerify>,
    tvr: &mut [u8; 5],
    tsi: &mut [u8; 2],
) -> ([u8; 3], bool) {
    let supported = aip.first().is_some_and(|b| b & 0x10 != 0);
    let list = card.get(&0x8E).and_then(|v| parse_cvm_list(v).ok());
    let Some(list) = list.filter(|_| supported) else {
        return ([0x3F, 0x00, 0x00], false);
    };
    tsi[0] |= TSI_CVM;
    let caps = term.get(0x9F33).unwrap_or(&[]).to_vec();
    let mut last = None;
    let mut plain_pin = false;
    for rule in &list.rules {
        if !condition_applies(rule, list.x, list.y, card, term) {
            continue;
        }
        let byte1 = rule.code | if rule.apply_next_if_fails { 0x40 } else { 0 };
        let known = matches!(rule.code, 0x00..=0x05 | 0x1E | 0x1F);
        if !known {
            mark(tvr, TVR_UNRECOGNISED_CVM);
        }
        if known && rule.code != 0x00 && terminal_supports(rule.code, &caps) {
            if !matches!(rule.code, 0x01 | 0x03 | 0x04 | 0x05) {
                let result = if rule.code == 0x1F { 0x02 } else { 0x00 };
                return ([byte1, rule.condition, result], plain_pin);
            }
            let plain = matches!(rule.code, 0x01 | 0x03);
            plain_pin |= plain;
            match pin.filter(|_| plain) {
                // With a signature to follow (`03`) the result is "unknown" (Book 4 A4).
                Some(PinVerify::Ok) => {
                    let result = if rule.code == 0x03 { 0x00 } else { 0x02 };
                    return ([byte1, rule.condition, result], plain_pin);
                }
                Some(PinVerify::Blocked) => mark(tvr, TVR_PIN_TRY_LIMIT),
                // A wrong PIN is not entered again: the bench has one PIN per card, and each
                // try costs the card one of its PIN tries.
                Some(_) => {}
                None => mark(tvr, TVR_PIN_NOT_ENTERED),
            }
        }
        last = Some([byte1, rule.condition, 0x01]);
        if !rule.apply_next_if_fails {
            break;
        }
    }
    mark(tvr, TVR_CVM_FAILED);
    (last.unwrap_or([0x3F, 0x00, 0x01]), plain_pin)
}

/// A big-endian unsigned value of at most 8 bytes (binary amounts, counters).
fn be_u64(v: &[u8]) -> Option<u64> {
    (v.len() <= 8).then(|| v.iter().fold(0u64, |a, b| (a << 8) | u64::from(*b)))
}

/// Book 3 §10.6 terminal risk management, when the card asks for it (AIP byte 1 b4): the
/// floor limit (`9F1B`, binary minor units), random transaction selection under it
/// ([`random_selection`]) and velocity checking ([`velocity`]). Sets TSI "terminal risk
/// management performed".
pub fn terminal_risk(
    card: &CardTags,
    term: &TerminalData,
    aip: &[u8],
    seed: u64,
    tvr: &mut [u8; 5],
    tsi: &mut [u8; 2],
) {
    if aip.first().is_none_or(|b| b & 0x08 == 0) {
        return;
    }
    tsi[0] |= TSI_TERMINAL_RISK;
    if let Some(limit) = term.get(0x9F1B).and_then(be_u64) {
        let amt = amount(term);
        if amt >= limit {
            mark(tvr, TVR_FLOOR_LIMIT);
        } else if random_selection(card, term, seed, amt, limit) {
            mark(tvr, TVR_RANDOM_SELECTION);
        }
    }
    velocity(card, tvr);
}

/// The terminal's draw for random selection, 1 to 99: a hash of the configured seed, the
/// card (PAN and sequence number, in memory only) and the amount, so the same run draws the
/// same numbers (Book 3 §10.6.2 asks for a random number; the bench wants reproducible runs).
pub fn random_draw(seed: u64, card: &CardTags, term: &TerminalData) -> u8 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325 ^ seed;
    let parts = [card.get(&0x5A), card.get(&0x5F34)];
    let bytes = parts.into_iter().flatten().flatten();
    for b in bytes.chain(term.get(0x9F02).unwrap_or(&[])) {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01B3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    (h % 99) as u8 + 1
}

/// Book 3 §10.6.2: under the threshold (`DF15`) the target is the target percentage (`DF17`);
/// from the threshold up to the floor limit it rises linearly to the maximum (`DF16`). The
/// transaction is selected when the draw is at most the target.
pub fn random_selection(
    card: &CardTags,
    term: &TerminalData,
    seed: u64,
    amt: u64,
    limit: u64,
) -> bool {
    let pct = |t: u32| {
        u64::from(
            term.get(t)
                .and_then(|v| v.first().copied())
                .unwrap_or(0)
                .min(99),
        )
    };
    let (target, max) = (pct(0xDF17), pct(0xDF16));
    let threshold = term.get(0xDF15).and_then(be_u64).unwrap_or(0);
    let percent = if amt < threshold || limit <= threshold {
        target
    } else {
        let span = limit - threshold;
        let rise = max.saturating_sub(target).saturating_mul(amt - threshold) / span;
        target.saturating_add(rise)
    };
    percent > 0 && u64::from(random_draw(seed, card, term)) <= percent
}

/// Book 3 §10.6.3 velocity checking, when the card gives its lower and upper consecutive
/// offline limits (`9F14`, `9F23`): the ATC (`9F36`) less the last online ATC (`9F13`), both
/// from GET DATA, against each limit. Either counter missing (or the ATC not above the last
/// online one) sets both "exceeded" bits; a last online ATC of zero sets "new card".
pub fn velocity(card: &CardTags, tvr: &mut [u8; 5]) {
    let (Some(lower), Some(upper)) = (card.get(&0x9F14), card.get(&0x9F23)) else {
        return;
    };
    let counter = |t: u32| {
        card.get(&t)
            .filter(|v| v.len() == 2)
            .and_then(|v| be_u64(v))
    };
    let (Some(atc), Some(last)) = (counter(0x9F36), counter(0x9F13)) else {
        mark(tvr, TVR_LOWER_OFFLINE_LIMIT);
        mark(tvr, TVR_UPPER_OFFLINE_LIMIT);
        return;
    };
    if last == 0 {
        mark(tvr, TVR_NEW_CARD);
    }
    let Some(offline) = atc.checked_sub(last).filter(|d| *d > 0) else {
        mark(tvr, TVR_LOWER_OFFLINE_LIMIT);
        mark(tvr, TVR_UPPER_OFFLINE_LIMIT);
        return;
    };
    let limit = |v: &[u8]| be_u64(v).unwrap_or(0);
    if offline > limit(lower) {
        mark(tvr, TVR_LOWER_OFFLINE_LIMIT);
    }
    if offline > limit(upper) {
        mark(tvr, TVR_UPPER_OFFLINE_LIMIT);
    }
}

/// Book 3 §10.7: AAC when the TVR meets the TAC-denial (`DF13` in the terminal data, the
/// CUPS parameter tag) or the IAC-denial (`9F0E`); else ARQC — the bench always goes online.
pub fn action_analysis(card: &CardTags, term: &TerminalData, tvr: &[u8; 5]) -> u8 {
    let hits = |code: Option<&[u8]>| {
        code.is_some_and(|c| c.iter().zip(tvr.iter()).any(|(a, b)| a & b != 0))
    };
    if hits(card.get(&0x9F0E).map(Vec::as_slice)) || hits(term.get(0xDF13)) {
        0x00
    } else {
        0x80
    }
}

/// Everything between the records and GENERATE AC 1, given what offline data authentication
/// left in `tvr` and `tsi`; `seed` is the terminal's random-selection seed, `pin` what VERIFY
/// answered (if it was sent).
pub fn decide(
    card: &CardTags,
    term: &TerminalData,
    aip: &[u8],
    seed: u64,
    pin: Option<PinVerify>,
    mut tvr: [u8; 5],
    mut tsi: [u8; 2],
) -> Decision {
    if MANDATORY.iter().any(|t| !card.contains_key(t)) {
        mark(&mut tvr, TVR_ICC_DATA_MISSING);
    }
    processing_restrictions(card, term, &mut tvr);
    let cvm_results = cardholder_verification(card, term, aip, pin, &mut tvr, &mut tsi);
    terminal_risk(card, term, aip, seed, &mut tvr, &mut tsi);
    let p1 = action_analysis(card, term, &tvr);
    Decision {
        tvr,
        tsi,
        cvm_results,
        p1,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::hexfmt::parse_hex;

    fn card(pairs: &[(u32, &str)]) -> CardTags {
        pairs
            .iter()
            .map(|(t, v)| (*t, parse_hex(v).unwrap()))
            .collect()
    }

    fn full() -> CardTags {
        card(&[
            (0x5F24, "281231"),
            (0x5A, "6212260000000000026F"),
            (0x8C, "9F0206"),
            (0x8D, "8A02"),
            (0x9F08, "0030"),
            (0x5F25, "190101"),
            (0x5F28, "0156"),
            (0x9F07, "FF00"),
            (0x8E, "00000000000000004203 1E03 1F03"),
        ])
    }

    #[test]
    fn clean_card_goes_online_with_online_pin() {
        let d = decide(
            &full(),
            &TerminalData::fixed(),
            &[0x7C, 0],
            0,
            None,
            [0x80, 0, 0, 0, 0],
            [0; 2],
        );
        assert_eq!(d.tvr, [0x80, 0, 0, 0, 0]);
        assert_eq!(d.tsi, [TSI_CVM | TSI_TERMINAL_RISK, 0]);
        assert_eq!(d.cvm_results, [0x42, 0x03, 0x00]);
        assert_eq!(d.p1, 0x80);
    }

    #[test]
    fn restrictions_set_their_bits() {
        let mut c = full();
        c.insert(0x9F08, vec![0x00, 0x20]);
        c.insert(0x5F24, vec![0x18, 0x12, 0x31]);
        c.insert(0x9F07, vec![0x10, 0x00]);
        c.remove(&0x8D);
        let d = decide(
            &c,
            &TerminalData::fixed(),
            &[0x7C, 0],
            0,
            None,
            [0; 5],
            [0; 2],
        );
        assert_eq!(d.tvr[0], 0x20);
        assert_eq!(d.tvr[1], 0x80 | 0x40 | 0x10);
    }

    #[test]
    fn iac_denial_asks_for_an_aac_and_floor_limit_counts() {
        let mut c = full();
        c.insert(0x9F0E, vec![0x80, 0, 0, 0, 0]);
        let t = TerminalData::fixed().with(0x9F1B, vec![0, 0, 0, 0]);
        let d = decide(&c, &t, &[0x7C, 0], 0, None, [0x80, 0, 0, 0, 0], [0; 2]);
        assert_eq!(d.p1, 0x00);
        assert_eq!(d.tvr[3], 0x80);
    }

    #[test]
    fn offline_pin_is_not_entered_and_falls_through() {
        let mut c = full();
        c.insert(0x8E, parse_hex("0000000000000000 4103 1E03").unwrap());
        let t = TerminalData::fixed().with(0x9F33, vec![0xE0, 0xA8, 0xC8]);
        let d = decide(&c, &t, &[0x7C, 0], 0, None, [0; 5], [0; 2]);
        assert_eq!(d.cvm_results, [0x1E, 0x03, 0x00]);
        assert_eq!(d.tvr[2], 0x08);
        let no_list = decide(&c, &t, &[0x6C, 0], 0, None, [0; 5], [0; 2]);
        assert_eq!(no_list.cvm_results, [0x3F, 0, 0]);
    }

    /// Random selection: a target of 0 never selects; 99 % always does (draws are 1–99); the
    /// same seed draws the same number; at or over the floor limit only the floor bit is set.
    #[test]
    fn random_selection_is_seeded_and_follows_the_targets() {
        let t = TerminalData::fixed()
            .with(0x9F1B, vec![0, 0, 0x27, 0x10])
            .with(0xDF17, vec![99])
            .with(0xDF16, vec![99]);
        let d = decide(&full(), &t, &[0x7C, 0], 7, None, [0; 5], [0; 2]);
        assert_eq!(d.tvr[3], 0x10);
        assert_eq!(d.tsi[0] & TSI_TERMINAL_RISK, TSI_TERMINAL_RISK);
        let none = t.clone().with(0xDF17, vec![0]).with(0xDF16, vec![0]);
        assert_eq!(
            decide(&full(), &none, &[0x7C, 0], 7, None, [0; 5], [0; 2]).tvr[3],
            0
        );
        let over = t.clone().with(0x9F1B, vec![0, 0, 0, 0]);
        assert_eq!(
            decide(&full(), &over, &[0x7C, 0], 7, None, [0; 5], [0; 2]).tvr[3],
            0x80
        );
        let draws: Vec<u8> = (0..50).map(|s| random_draw(s, &full(), &t)).collect();
        assert!(draws.iter().all(|d| (1..=99).contains(d)));
        assert_eq!(
            draws,
            (0..50)
                .map(|s| random_draw(s, &full(), &t))
                .collect::<Vec<_>>()
        );
        assert!(draws.iter().any(|d| *d != draws[0]), "the seed matters");
        // Biased selection: between threshold and floor limit the target rises to the maximum.
        let half = TerminalData::fixed()
            .with(0x9F1B, vec![0, 0, 0, 100])
            .with(0xDF15, vec![0, 0, 0, 0])
            .with(0xDF17, vec![0])
            .with(0xDF16, vec![99]);
        let picked = (0..200)
            .filter(|s| random_selection(&full(), &half, *s, 50, 100))
            .count();
        assert!((40..=160).contains(&picked), "{picked} of 200 near half");
    }

    /// Velocity checking from 9F14 / 9F23 and the GET DATA counters 9F36 / 9F13.
    #[test]
    fn velocity_checking_sets_the_limit_and_new_card_bits() {
        let with = |atc: &str, last: Option<&str>| {
            let mut c = full();
            c.insert(0x9F14, vec![2]);
            c.insert(0x9F23, vec![5]);
            c.insert(0x9F36, parse_hex(atc).unwrap());
            if let Some(l) = last {
                c.insert(0x9F13, parse_hex(l).unwrap());
            }
            let mut tvr = [0u8; 5];
            velocity(&c, &mut tvr);
            (tvr[1], tvr[3])
        };
        assert_eq!(with("0010", Some("000F")), (0, 0));
        assert_eq!(with("0010", Some("000D")), (0, 0x40));
        assert_eq!(with("0010", Some("0008")), (0, 0x60));
        assert_eq!(with("0003", Some("0000")), (0x08, 0x40));
        assert_eq!(with("0010", None), (0, 0x60), "no last online ATC");
        assert_eq!(with("0005", Some("0009")), (0, 0x60), "ATC not above it");
        let mut tvr = [0u8; 5];
        velocity(&full(), &mut tvr);
        assert_eq!(tvr, [0; 5], "no limits on the card: no check");
    }
}
