//! Historical bytes (ISO/IEC 7816-4 §8.1.1): the category indicator, COMPACT-TLV objects and
//! the status indicator, with notes where a card does not follow its category's layout.
//! COMPACT-TLV objects are read with nom (`many0` of one object); what is left over becomes a
//! note, not an error.

use super::CompactTlv;
use crate::codec::nomkit::offset_in;
use nom::bytes::complete::take;
use nom::multi::many0;
use nom::number::complete::u8;
use nom::{IResult, Parser};

fn compact_tag_name(tag: u8) -> &'static str {
    match tag {
        0x1 => "country code",
        0x2 => "issuer identification number",
        0x3 => "card service data",
        0x4 => "initial access data",
        0x5 => "card issuer's data",
        0x6 => "pre-issuing data",
        0x7 => "card capabilities",
        0x8 => "status indicator",
        0xF => "application identifier",
        _ => "unknown COMPACT-TLV tag",
    }
}

pub(super) type Historical = (Option<u8>, Vec<CompactTlv>, Vec<u8>, Vec<String>);

/// One COMPACT-TLV object (ISO/IEC 7816-4 §8.1.1.2): tag in the high nibble of the first
/// byte, length in the low one, then the value.
fn compact_object(i: &[u8]) -> IResult<&[u8], CompactTlv, ()> {
    let (rest, tl) = u8(i)?;
    let tag = tl >> 4;
    let (rest, value) = take(tl & 0x0F).parse(rest)?;
    let name = compact_tag_name(tag);
    let value = value.to_vec();
    Ok((rest, CompactTlv { tag, name, value }))
}

/// Every COMPACT-TLV object of `bytes`; an object that announces more bytes than are left ends
/// the list with a note.
fn parse_compact(bytes: &[u8], notes: &mut Vec<String>) -> Vec<CompactTlv> {
    let (rest, out) = many0(compact_object)
        .parse(bytes)
        .unwrap_or((bytes, Vec::new()));
    if let Some(&first) = rest.first() {
        notes.push(format!(
            "COMPACT-TLV object {first:02X} at historical byte {} announces {} bytes, {} left",
            offset_in(bytes, rest) + 1,
            first & 0x0F,
            rest.len() - 1
        ));
    }
    out
}

pub(super) fn parse_historical(h: &[u8]) -> Historical {
    let mut notes = Vec::new();
    let Some(&cat) = h.first() else {
        return (None, vec![], vec![], notes);
    };
    match cat {
        0x00 => {
            if h.len() < 4 {
                notes.push("category 00 needs a 3-byte status indicator at the end".into());
                return (Some(cat), vec![], vec![], notes);
            }
            let (body, status) = h[1..].split_at(h.len() - 4);
            let objs = parse_compact(body, &mut notes);
            (Some(cat), objs, status.to_vec(), notes)
        }
        0x80 => {
            let objs = parse_compact(&h[1..], &mut notes);
            let status = objs
                .iter()
                .find(|o| o.tag == 8)
                .map(|o| o.value.clone())
                .unwrap_or_default();
            (Some(cat), objs, status, notes)
        }
        0x10 => {
            if h.len() != 2 {
                notes.push("category 10 should be followed by one DIR data reference byte".into());
            }
            (Some(cat), vec![], vec![], notes)
        }
        _ => (Some(cat), vec![], vec![], notes),
    }
}

/// Meaning of the category indicator byte.
pub fn category_meaning(cat: u8) -> &'static str {
    match cat {
        0x00 => "COMPACT-TLV objects followed by a 3-byte status indicator",
        0x10 => "DIR data reference follows",
        0x80 => "COMPACT-TLV objects (status indicator, if any, as an object)",
        0x81..=0x8F => "RFU (ISO 7816-4)",
        _ => "proprietary historical bytes",
    }
}
