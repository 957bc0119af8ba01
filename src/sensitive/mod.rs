//! Card data that must never be shown in clear: the policy of which EMV tags and ISO 8583
//! fields hold it ([`policy`]), PAN and track-2 values that mask themselves, the Luhn check,
//! and the last-line-of-defence scanner used by every writer (the CSV guard included).
//!
//! The rule (PCI DSS 3.3/3.4): a PAN is displayed as first 6 + last 4 at most; track data,
//! CVV and PIN blocks are never displayed. The clear value is reachable only through the
//! explicitly named `expose_clear` accessors, for the code that needs it (Luhn, BIN lookup,
//! building a host message).

pub mod guard;
pub mod policy;

pub use guard::{
    card_number_bytes, escape_controls, find_clear_pan, guard_cell, guard_line, guard_text,
    is_formula_like, is_terminal_control, mask_clear_pans, mask_hex, GuardedWriter,
};
pub use policy::{
    command_data_scan_applies, digit_scan_applies, emv_tag, hides_field, hides_tag,
    is_card_data_tag, iso8583_field, CardData, View,
};

use std::fmt;

/// A primary account number. `Display` and `Debug` print `622202******1234`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Pan(String);

impl Pan {
    /// Wraps a PAN. Non-digit characters are kept (a misread PAN is still a PAN to hide).
    pub fn new(digits: impl Into<String>) -> Self {
        Pan(digits.into())
    }

    /// The clear PAN. Only for Luhn, BIN lookup and building host messages: never log it.
    pub fn expose_clear(&self) -> &str {
        &self.0
    }

    /// Masked form, first 6 and last 4 visible.
    pub fn masked(&self) -> String {
        mask_pan(&self.0)
    }

    /// First `n` digits (BIN), at most 8 and never more than the PAN length minus 4.
    pub fn bin(&self, n: usize) -> String {
        let n = n.min(8).min(self.0.len().saturating_sub(4));
        self.0.chars().take(n).collect()
    }

    /// Last four characters.
    pub fn last4(&self) -> String {
        let len = self.0.chars().count();
        self.0.chars().skip(len.saturating_sub(4)).collect()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the PAN passes the Luhn (mod 10) check.
    pub fn luhn_ok(&self) -> bool {
        luhn_valid(&self.0)
    }
}

impl fmt::Display for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask_pan(&self.0))
    }
}

impl fmt::Debug for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pan({})", mask_pan(&self.0))
    }
}

impl serde::Serialize for Pan {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&mask_pan(&self.0))
    }
}

/// Track-2(-equivalent) data: PAN, separator, expiry, service code, discretionary data.
/// Sensitive authentication data: never displayed, only the masked PAN and the field lengths.
#[derive(Clone, PartialEq, Eq)]
pub struct Track2(String);

impl Track2 {
    /// Wraps track-2 text with `=` or `D` as the separator (tag 57 / DE35 style is accepted).
    pub fn new(text: impl Into<String>) -> Self {
        Track2(text.into())
    }

    /// The clear track data. Only for comparisons and building host messages.
    pub fn expose_clear(&self) -> &str {
        &self.0
    }

    /// The PAN part (before the separator).
    pub fn pan(&self) -> Pan {
        let end = self.0.find(['=', 'D', 'd']).unwrap_or(self.0.len());
        Pan::new(&self.0[..end])
    }

    /// Text after the separator: YYMM, service code, discretionary data.
    fn after_separator(&self) -> &str {
        match self.0.find(['=', 'D', 'd']) {
            Some(i) => &self.0[i + 1..],
            None => "",
        }
    }

    /// Expiry YYMM, when present.
    pub fn expiry(&self) -> Option<String> {
        let rest = self.after_separator();
        let e: String = rest.chars().take(4).collect();
        (e.len() == 4 && e.chars().all(|c| c.is_ascii_digit())).then_some(e)
    }

    /// Service code, when present.
    pub fn service_code(&self) -> Option<String> {
        let rest = self.after_separator();
        let s: String = rest.chars().skip(4).take(3).collect();
        (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit())).then_some(s)
    }
}

impl fmt::Display for Track2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rest = self.after_separator();
        write!(
            f,
            "{}={}",
            self.pan(),
            "*".repeat(rest.trim_end_matches(['F', 'f']).len())
        )
    }
}

impl fmt::Debug for Track2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Track2({self})")
    }
}

impl serde::Serialize for Track2 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Masks a digit string to first 6 / last 4. Strings of 10 digits or fewer keep only the
/// last 4 (a short number would otherwise be shown nearly whole).
pub fn mask_pan(pan: &str) -> String {
    let chars: Vec<char> = pan.chars().collect();
    let n = chars.len();
    if n == 0 {
        return String::new();
    }
    let (head, tail) = if n > 10 { (6, 4) } else { (0, n.min(4)) };
    let tail = tail.min(n.saturating_sub(head));
    let mut out = String::with_capacity(n);
    for (i, c) in chars.iter().enumerate() {
        if i < head || i >= n - tail {
            out.push(*c);
        } else {
            out.push('*');
        }
    }
    out
}

/// Luhn check over a string of ASCII digits. Empty or non-digit input is not valid.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    luhn_sum(digits.bytes().rev().map(|b| b - b'0'), true) % 10 == 0
}

/// Computes the Luhn check digit to append to `partial`.
pub fn luhn_check_digit(partial: &str) -> Option<u8> {
    if !partial.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let s = luhn_sum(partial.bytes().rev().map(|b| b - b'0'), false);
    Some(((10 - s % 10) % 10) as u8)
}

fn luhn_sum(rev_digits: impl Iterator<Item = u8>, check_included: bool) -> u32 {
    rev_digits
        .enumerate()
        .map(|(i, d)| {
            let double = if check_included {
                i % 2 == 1
            } else {
                i % 2 == 0
            };
            let d = u32::from(d);
            if double {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum()
}

/// Replaces every run of 12–19 ASCII digits in `text` by its masked form, and hides what
/// follows a track-2 separator (`=` or `D` right after such a run); then masks what the
/// output guard ([`find_clear_pan`]) would still flag (a card number written with separators
/// or full-width digits). For free text that may carry card data (device strings, host texts,
/// track data a reader garbled) before it reaches a log or the screen.
pub fn redact_text(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let run = &text[start..i];
            if run.len() >= 12 {
                out.push_str(&mask_pan(run));
                // Track-2 style: separator then expiry/service/discretionary digits.
                if i < b.len() && (b[i] == b'=' || b[i] == b'D') {
                    out.push(b[i] as char);
                    i += 1;
                    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'F') {
                        out.push('*');
                        i += 1;
                    }
                }
            } else {
                out.push_str(run);
            }
        } else {
            let ch = text[i..].chars().next().unwrap_or('?');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    mask_clear_pans(&out)
}

/// Masks one track string for display, as the card-data policy says for track data
/// ([`CardData::Track1`], [`CardData::Track3`]): the PAN first 6 / last 4, the start sentinel,
/// format code, field separators and end sentinel kept, every other character `*` (name,
/// expiry, service code, discretionary data — the same as [`Track2`]'s display). A string
/// with no field separator (a garbled read) is masked as free text ([`redact_text`]).
pub fn mask_track_text(text: &str) -> String {
    let Some(sep) = text.find(['^', '=']) else {
        return redact_text(text);
    };
    let (head, tail) = text.split_at(sep);
    let lead = head.len() - head.trim_start_matches(['%', ';', '+', 'B', 'b']).len();
    let mut out = head[..lead].to_string();
    out.push_str(&mask_pan(&head[lead..]));
    out.extend(tail.chars().map(|c| match c {
        '^' | '=' | '?' => c,
        _ => '*',
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_first6_last4() {
        assert_eq!(Pan::new("6224242900000113").to_string(), "622424******0113");
        assert_eq!(
            format!("{:?}", Pan::new("6212345678901232")),
            "Pan(621234******1232)"
        );
        assert_eq!(mask_pan("123456"), "**3456");
    }

    #[test]
    fn luhn() {
        assert!(luhn_valid("6212345678901232"));
        assert!(!luhn_valid("6212345678901233"));
        assert_eq!(luhn_check_digit("621234567890123"), Some(2));
    }

    /// The campaign's MSR605 crash: garbled ISO track data whose digits a line broke into
    /// dash-separated groups passed the frame-log masking but not the output guard.
    #[test]
    fn redaction_masks_what_the_guard_flags() {
        let garbled = "#%B6\u{4}\u{0}\u{0}45-456-8276-827916\u{b6}?";
        assert!(find_clear_pan(garbled).is_some());
        let shown = mask_track_text(garbled);
        assert!(find_clear_pan(&shown).is_none(), "{shown}");
        assert_eq!(
            redact_text("card 6217 0000 0000 0000 038"),
            "card 6217 00** **** ***0 038"
        );
        assert_eq!(redact_text("run 2026-12-01 10:00"), "run 2026-12-01 10:00");
    }

    #[test]
    fn track2_never_prints_clear() {
        let t = Track2::new("6224242900000113D28062013949031013");
        let s = t.to_string();
        assert!(!s.contains("6224242900000113"));
        assert!(!s.contains("3949031013"));
        assert_eq!(t.expiry().as_deref(), Some("2806"));
        assert_eq!(t.service_code().as_deref(), Some("201"));
        assert_eq!(t.pan().expose_clear(), "6224242900000113");
    }

    #[test]
    fn luhn_runs_and_tracks_are_masked() {
        let s = mask_clear_pans("IAD 07010103A0 PAN 6212345678901232 end 000000000000000");
        assert!(s.contains("621234******1232"));
        assert!(s.contains("000000000000000"));
        let t = mask_track_text("%B6212345678901232^ZHANG/SAN^2812201000000123456?");
        assert_eq!(t, "%B621234******1232^*********^*******************?");
        assert!(find_clear_pan(&t).is_none() && !t.contains("000123456"));
    }

    #[test]
    fn scanner_finds_embedded_pan() {
        assert!(find_clear_pan("x;6212345678901232=2812?").is_some());
        assert!(find_clear_pan("622424******0113").is_none());
        let r = redact_text(";6212345678901232=28122011234567890?");
        assert!(find_clear_pan(&r).is_none());
        assert!(!r.contains("2812201"));
    }
}
