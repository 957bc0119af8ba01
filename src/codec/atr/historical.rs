//! Historical bytes (ISO/IEC 7816-4 §8.1.1): the category indicator, COMPACT-TLV objects and
//! the status indicator, with notes where a card does not follow its category's layout.
//! COMPACT-TLV objects are read with nom (`many0` of one object); what is left over becomes a
//! note, not an error.

use super::CompactTlv;
use crate::codec::nomkit::{offset_in, until_last, In, Res};
use crate::i18n::{tr_static, Lang, Text};
use nom::bytes::complete::take;
use nom::combinator::rest;
use nom::multi::many0;
use nom::number::complete::u8;
use nom::{IResult, Parser};

fn compact_tag_name(tag: u8) -> &'static str {
    compact_tag_name_in(tag, Lang::En)
}

/// The name of a COMPACT-TLV tag (ISO/IEC 7816-4 §8.1.1.2) in `lang`.
pub fn compact_tag_name_in(tag: u8, lang: Lang) -> &'static str {
    let id = match tag {
        0x1 => "decode-atr-compact-1",
        0x2 => "decode-atr-compact-2",
        0x3 => "decode-atr-compact-3",
        0x4 => "decode-atr-compact-4",
        0x5 => "decode-atr-compact-5",
        0x6 => "decode-atr-compact-6",
        0x7 => "decode-atr-compact-7",
        0x8 => "decode-atr-compact-8",
        0xF => "decode-atr-compact-15",
        _ => "decode-atr-compact-unknown",
    };
    tr_static(lang, id)
}

pub(super) type Historical = (Option<u8>, Vec<CompactTlv>, Vec<u8>, Vec<Text>);

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
fn parse_compact(bytes: &[u8], notes: &mut Vec<Text>) -> Vec<CompactTlv> {
    let (rest, out) = many0(compact_object)
        .parse(bytes)
        .unwrap_or((bytes, Vec::new()));
    if let Some(&first) = rest.first() {
        notes.push(Text::tr_args(
            "decode-atr-note-compact-short",
            &[
                ("tag", format!("{first:02X}").into()),
                ("at", (offset_in(bytes, rest) + 1).into()),
                ("announced", (first & 0x0F).into()),
                ("left", (rest.len() - 1).into()),
            ],
        ));
    }
    out
}

/// Category 00 (ISO/IEC 7816-4 §8.1.1): COMPACT-TLV objects, then the status indicator,
/// which is not an object but always the last 3 bytes (LCS SW1 SW2); `None` when fewer than
/// 3 bytes follow the category byte.
fn category_00(h: In<'_>) -> Option<(In<'_>, In<'_>)> {
    let status = || "a 3-byte status indicator".to_string();
    let parsed: Res<'_, _> = (until_last(3, status), rest).parse(h);
    parsed.ok().map(|(_, parts)| parts)
}

/// The category indicator, COMPACT-TLV objects and status indicator of historical bytes `h`
/// (ISO/IEC 7816-4 §8.1.1), with a note for each way they miss their category's layout.
pub(super) fn parse_historical(h: &[u8]) -> Historical {
    let mut notes = Vec::new();
    let Ok((after, cat)) = u8::<_, ()>(h) else {
        return (None, vec![], vec![], notes);
    };
    match cat {
        0x00 => {
            let Some((body, status)) = category_00(after) else {
                notes.push(Text::tr("decode-atr-note-category-00"));
                return (Some(cat), vec![], vec![], notes);
            };
            let objs = parse_compact(body, &mut notes);
            (Some(cat), objs, status.to_vec(), notes)
        }
        0x80 => {
            let objs = parse_compact(after, &mut notes);
            let status = objs
                .iter()
                .find(|o| o.tag == 8)
                .map(|o| o.value.clone())
                .unwrap_or_default();
            (Some(cat), objs, status, notes)
        }
        0x10 => {
            if after.len() != 1 {
                notes.push(Text::tr("decode-atr-note-category-10"));
            }
            (Some(cat), vec![], vec![], notes)
        }
        _ => (Some(cat), vec![], vec![], notes),
    }
}

/// Meaning of the category indicator byte.
pub fn category_meaning(cat: u8) -> &'static str {
    category_meaning_in(cat, Lang::En)
}

/// [`category_meaning`] in `lang`.
pub fn category_meaning_in(cat: u8, lang: Lang) -> &'static str {
    let id = match cat {
        0x00 => "decode-atr-category-compact",
        0x10 => "decode-atr-category-dir",
        0x80 => "decode-atr-category-compact-status",
        0x81..=0x8F => "decode-atr-category-rfu",
        _ => "decode-atr-category-proprietary",
    };
    tr_static(lang, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`parse_historical`] found: category, each object's tag and value, the status and
    /// the number of notes.
    type Read = (Option<u8>, Vec<(u8, Vec<u8>)>, Vec<u8>, usize);

    fn read(h: &[u8]) -> Read {
        let (cat, objs, status, notes) = parse_historical(h);
        let objs = objs.into_iter().map(|o| (o.tag, o.value)).collect();
        (cat, objs, status, notes.len())
    }

    /// Category 00 ends in a 3-byte status indicator (ISO/IEC 7816-4 §8.1.1), read as the
    /// index-based split read it: exactly 3 bytes is all status, 2 is a note, and the objects
    /// before the status are COMPACT-TLV.
    #[test]
    fn category_00_status_is_the_last_three_bytes() {
        assert_eq!(read(&[]), (None, vec![], vec![], 0));
        assert_eq!(read(&[0x00]), (Some(0), vec![], vec![], 1));
        assert_eq!(read(&[0x00, 0x90, 0x00]), (Some(0), vec![], vec![], 1));
        let exact = read(&[0x00, 0x01, 0x90, 0x00]);
        assert_eq!(exact, (Some(0), vec![], vec![0x01, 0x90, 0x00], 0));
        let h = [0x00, 0x31, 0x80, 0x65, 0xB0, 0x83, 0x11, 0x90, 0x00];
        assert_eq!(
            read(&h),
            (Some(0), vec![(0x3, vec![0x80])], vec![0x11, 0x90, 0x00], 1),
            "an object longer than the body is a note, and the status stays the last 3 bytes"
        );
        let h = [0x00, 0x31, 0x80, 0x00, 0x90, 0x00];
        assert_eq!(
            read(&h),
            (Some(0), vec![(0x3, vec![0x80])], vec![0x00, 0x90, 0x00], 0)
        );
    }

    /// Category 80 takes its status from tag 8; category 10 is one DIR reference byte.
    #[test]
    fn categories_80_and_10() {
        let h = [0x80, 0x31, 0x80, 0x82, 0x90, 0x00];
        assert_eq!(
            read(&h),
            (
                Some(0x80),
                vec![(0x3, vec![0x80]), (0x8, vec![0x90, 0x00])],
                vec![0x90, 0x00],
                0
            )
        );
        assert_eq!(read(&[0x10, 0x01]), (Some(0x10), vec![], vec![], 0));
        assert_eq!(read(&[0x10]), (Some(0x10), vec![], vec![], 1));
        assert_eq!(read(&[0x10, 1, 2]), (Some(0x10), vec![], vec![], 1));
    }
}
