//! Historical bytes (ISO/IEC 7816-4 §8.1.1): the category indicator, COMPACT-TLV objects and
//! the status indicator, with notes where a card does not follow its category's layout.

use super::CompactTlv;

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

fn parse_compact(bytes: &[u8], notes: &mut Vec<String>) -> Vec<CompactTlv> {
    let mut out = Vec::new();
    let mut p = 0;
    while p < bytes.len() {
        let tag = bytes[p] >> 4;
        let len = usize::from(bytes[p] & 0x0F);
        let Some(value) = bytes.get(p + 1..p + 1 + len) else {
            notes.push(format!(
                "COMPACT-TLV object {:02X} at historical byte {} announces {len} bytes, {} left",
                bytes[p],
                p + 1,
                bytes.len() - p - 1
            ));
            break;
        };
        out.push(CompactTlv {
            tag,
            name: compact_tag_name(tag),
            value: value.to_vec(),
        });
        p += 1 + len;
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
