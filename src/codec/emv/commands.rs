//! The EMV command APDUs a terminal sends (EMV 4.3 Book 3 §6.5, Book 1 §11–12) and the
//! GET PROCESSING OPTIONS response in its two formats (Book 3 §6.5.8.4).

use super::dol::parse_afl;
use crate::codec::apdu::Command;
use crate::codec::tlv;
use nom::bytes::complete::take;
use nom::combinator::{opt, rest, verify};
use nom::Parser;

/// `SELECT` by name (`00 A4 04 00 Lc name 00`): the PSE, a DDF or an AID.
pub fn select(name: &[u8]) -> Vec<u8> {
    Command::new(0x00, 0xA4, 0x04, 0x00, name, Some(256)).to_bytes()
}

/// `READ RECORD` of record `record` in file `sfi` (`00 B2 rec (sfi << 3 | 4) 00`).
pub fn read_record(sfi: u8, record: u8) -> Vec<u8> {
    Command::new(0x00, 0xB2, record, (sfi << 3) | 0x04, &[], Some(256)).to_bytes()
}

/// `GET PROCESSING OPTIONS` with the PDOL data (`pdol_data`, already filled) in a command
/// template `83`: `80 A8 00 00 Lc 83 L data 00`.
pub fn get_processing_options(pdol_data: &[u8]) -> Vec<u8> {
    let mut template = Vec::with_capacity(pdol_data.len() + 3);
    tlv::push(&mut template, 0x83, pdol_data);
    Command::new(0x80, 0xA8, 0x00, 0x00, &template, Some(256)).to_bytes()
}

/// `GENERATE AC` (`80 AE P1 00 Lc data 00`, Book 3 §6.5.5): P1 `80` asks for an ARQC, `40` a
/// TC, `00` an AAC; `data` is the filled CDOL1 (or CDOL2).
pub fn generate_ac(p1: u8, cdol_data: &[u8]) -> Vec<u8> {
    Command::new(0x80, 0xAE, p1, 0x00, cdol_data, Some(256)).to_bytes()
}

/// `INTERNAL AUTHENTICATE` (`00 88 00 00 Lc data 00`, Book 3 §6.5.9) with the filled DDOL.
pub fn internal_authenticate(ddol_data: &[u8]) -> Vec<u8> {
    Command::new(0x00, 0x88, 0x00, 0x00, ddol_data, Some(256)).to_bytes()
}

/// `SELECT` next occurrence (`00 A4 04 02 Lc name 00`, EMV Book 1 §12.3.3): the next
/// application whose AID begins with `name` after a partial-name SELECT.
pub fn select_next(name: &[u8]) -> Vec<u8> {
    Command::new(0x00, 0xA4, 0x04, 0x02, name, Some(256)).to_bytes()
}

/// `GET DATA` of a primitive data object (`80 CA tag 00`, Book 3 §6.5.7): `9F36` ATC, `9F13`
/// last online ATC, `9F17` PIN try counter, `9F4F` log format.
pub fn get_data(tag: u16) -> Vec<u8> {
    let [p1, p2] = tag.to_be_bytes();
    Command::new(0x80, 0xCA, p1, p2, &[], Some(256)).to_bytes()
}

/// `EXTERNAL AUTHENTICATE` (`00 82 00 00 Lc data`, Book 3 §6.5.4) with the issuer
/// authentication data (tag `91`: ARPC ‖ ARC).
pub fn external_authenticate(issuer_auth_data: &[u8]) -> Vec<u8> {
    Command::new(0x00, 0x82, 0x00, 0x00, issuer_auth_data, None).to_bytes()
}

/// `VERIFY` with a plaintext offline PIN block (`00 20 00 80 08 block`, Book 3 §6.5.12).
pub fn verify_plaintext(block: &[u8; 8]) -> Vec<u8> {
    Command::new(0x00, 0x20, 0x00, 0x80, block, None).to_bytes()
}

/// `GET RESPONSE` for `le` bytes (T=0 after `61 le`).
pub fn get_response(le: u8) -> Vec<u8> {
    vec![0x00, 0xC0, 0x00, 0x00, le]
}

/// What GET PROCESSING OPTIONS returned: the Application Interchange Profile and the
/// Application File Locator, raw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProcessingOptions {
    /// `82`, 2 bytes.
    pub aip: Vec<u8>,
    /// `94`, 4 bytes per entry (see `parse_afl`).
    pub afl: Vec<u8>,
}

/// Reads a GPO response body (without SW): format 1 (`80`: AIP then AFL) or format 2 (`77`
/// with `82` and `94`). What is missing or malformed comes back empty.
pub fn processing_options(body: &[u8]) -> ProcessingOptions {
    if body.first() == Some(&0x80) {
        let v = tlv::iter(body).find_tag(0x80).map_or(&[][..], |o| o.value);
        let (aip, afl) = gpo_format1_lenient(v);
        return ProcessingOptions {
            aip: aip.to_vec(),
            afl: afl.to_vec(),
        };
    }
    let value = |tag| {
        tlv::walk(body)
            .find_tag(tag)
            .map_or_else(Vec::new, |o| o.value.to_vec())
    };
    ProcessingOptions {
        aip: value(0x82),
        afl: value(0x94),
    }
}

/// The GPO format 1 parsers fail with nothing: each entry point says what a failure means.
type Res1<'a, T> = nom::IResult<&'a [u8], T, ()>;

/// GPO format 1 parts (AIP, AFL), raw: the value of tag `80` in a GET PROCESSING OPTIONS
/// reply (EMV 4.3 Book 3 §6.5.8.4).
pub type Gpo1<'a> = (&'a [u8], &'a [u8]);

/// The one layout of a GPO format 1 value: AIP (2 bytes), then the AFL (the rest, maybe empty).
fn gpo1(v: &[u8]) -> Res1<'_, Gpo1<'_>> {
    (take(2usize), rest).parse(v)
}

/// The [`Gpo1`] parts of a GPO format 1 value, strictly: `None` for fewer than 2 bytes or an
/// AFL that does not parse (4 bytes per entry, [`parse_afl`]). `decode` uses it to tell a
/// GPO reply from a GENERATE AC one; [`gpo_format1_lenient`] is the terminal's form.
pub fn gpo_format1(v: &[u8]) -> Option<Gpo1<'_>> {
    let afl_ok = |(_, afl): &Gpo1<'_>| afl.is_empty() || parse_afl(afl).is_ok();
    let parsed = verify(gpo1, afl_ok).parse(v);
    parsed.ok().map(|(_, r)| r)
}

/// The [`Gpo1`] parts of a GPO format 1 value, leniently (what the EMV flow keeps of a
/// card's reply, to report on later): both empty for fewer than 2 bytes; the AFL as it is,
/// parsed or not.
pub fn gpo_format1_lenient(v: &[u8]) -> Gpo1<'_> {
    let parsed: Res1<'_, _> = opt(gpo1).parse(v);
    parsed.ok().and_then(|(_, r)| r).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::hexfmt::parse_hex;

    #[test]
    fn commands_are_the_book_bytes() {
        assert_eq!(
            select(b"1PAY.SYS.DDF01"),
            parse_hex("00A404000E 315041592E5359532E4444463031 00").unwrap()
        );
        assert_eq!(read_record(1, 2), parse_hex("00 B2 02 0C 00").unwrap());
        assert_eq!(
            get_processing_options(&[]),
            parse_hex("80 A8 00 00 02 83 00 00").unwrap()
        );
        // PDOL data past 127 bytes: `83 81 xx`, not a truncated one-byte length.
        let big = get_processing_options(&[0x11; 130]);
        assert_eq!(&big[..8], &[0x80, 0xA8, 0x00, 0x00, 133, 0x83, 0x81, 130]);
        assert_eq!(big.len(), 5 + 133 + 1);
    }

    #[test]
    fn both_gpo_formats() {
        let f1 = processing_options(&parse_hex("80 06 7C 00 08 01 01 00").unwrap());
        assert_eq!((f1.aip, f1.afl), (vec![0x7C, 0], vec![8, 1, 1, 0]));
        let f2 = processing_options(&parse_hex("77 0A 82 02 39 00 94 04 18 01 02 01").unwrap());
        assert_eq!((f2.aip, f2.afl), (vec![0x39, 0], vec![0x18, 1, 2, 1]));
        assert_eq!(processing_options(&[]), ProcessingOptions::default());
    }

    /// The lenient reading keeps what the index-based reader before it kept.
    #[test]
    fn format1_lenient_keeps_the_old_results() {
        let po = |h: &str| {
            let p = processing_options(&parse_hex(h).unwrap());
            (p.aip, p.afl)
        };
        assert_eq!(po("80 00"), (vec![], vec![]));
        assert_eq!(po("80 01 7C"), (vec![], vec![]));
        assert_eq!(po("80 02 7C 00"), (vec![0x7C, 0], vec![]));
        // An AFL that is not 4 bytes per entry is kept as it is.
        assert_eq!(po("80 05 7C 00 08 01 01"), (vec![0x7C, 0], vec![8, 1, 1]));
        // A truncated template: no value, nothing kept.
        assert_eq!(po("80 06 7C 00"), (vec![], vec![]));
    }

    #[test]
    fn format1_strict_refuses_what_lenient_keeps() {
        let v = parse_hex("7C 00 08 01 01").unwrap();
        assert_eq!(gpo_format1(&v), None);
        assert_eq!(gpo_format1_lenient(&v), (&v[..2], &v[2..]));
        assert_eq!(gpo_format1(&[0x7C]), None);
        assert_eq!(gpo_format1_lenient(&[0x7C]), (&[][..], &[][..]));
        assert_eq!(gpo_format1(&[0x7C, 0]), Some((&[0x7C, 0][..], &[][..])));
        let ok = parse_hex("7C 00 08 01 01 00").unwrap();
        assert_eq!(gpo_format1(&ok), Some((&ok[..2], &ok[2..])));
    }
}
