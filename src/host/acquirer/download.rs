//! CA public-key and IC-parameter downloads with field-62 paging (notes §1.6):
//!
//! 1. query — 0820 `372` / `382`, DE62 = `'1'` + n2 entries already received; the reply's DE62
//!    is `'0'` (nothing), `'1'` (this page ends the list) or `'2'` (more: ask again with the new
//!    count), then the list (per key 9F06 RID, 9F22 index, DF05 expiry; per AID 9F06);
//! 2. download — 0800 `370` / `380`, DE62 = the entry's 9F06 (+ 9F22); the reply's DE62 is
//!    `'1'` + the entry's TLVs, or `'0'` when the host has no such entry;
//! 3. end — 0800 `371` / `381`: the host marks the download done and asks for the next one.

use super::kind::MessageKind;
use super::{Handled, Turn};
use crate::codec::emv::aid_rid_pix;
use crate::codec::tlv::{find, parse};
use crate::i18n::{t, tr, Lang};

/// What a download reply did, for the exchange facts (English) and the log line.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Note {
    Key(String),
    KeyNotFound,
    Aid(String),
    AidNotFound,
    KeysDone(u32),
    AidsDone(u32),
    Nothing,
    Entries {
        from: usize,
        to: usize,
        of: usize,
        more: bool,
    },
    None,
}

impl Note {
    fn text(&self, lang: Lang) -> String {
        match self {
            Note::Key(name) => t!(lang, "host-note-key", name = name.as_str()),
            Note::KeyNotFound => tr(lang, "host-note-key-not-found"),
            // An AID as RID and PIX: an unbroken AID's digit run reads as a card number to the log's
            // output guard, and the technician must see which AIDs were sent.
            Note::Aid(aid) => t!(lang, "host-note-aid", aid = aid_rid_pix(aid)),
            Note::AidNotFound => tr(lang, "host-note-aid-not-found"),
            Note::KeysDone(n) => t!(lang, "host-note-keys-downloaded", count = *n),
            Note::AidsDone(n) => t!(lang, "host-note-aids-downloaded", count = *n),
            Note::Nothing => tr(lang, "host-note-nothing-to-download"),
            Note::Entries { from, to, of, more } => t!(
                lang,
                "host-note-entries",
                from = *from,
                to = *to,
                of = *of,
                more = if *more { "yes" } else { "no" }
            ),
            Note::None => return String::new(),
        }
        .into_owned()
    }
}

/// Handles the six download messages.
pub(crate) fn handle(t: &mut Turn<'_>, kind: MessageKind) -> Handled {
    let de62 = t
        .req
        .get(62)
        .map(|v| v.as_bytes().to_vec())
        .unwrap_or_default();
    let params = &t.cfg.params;
    let (note, body) = match kind {
        MessageKind::KeyQuery | MessageKind::ParamQuery => {
            let keys = kind == MessageKind::KeyQuery;
            let entries: Vec<Vec<u8>> = if keys {
                params.ca_keys.iter().map(|k| k.list_tlv()).collect()
            } else {
                params.aids.iter().map(|a| a.list_tlv()).collect()
            };
            query_page(&de62, &entries, t.cfg.page_size)
        }
        MessageKind::KeyDownload => {
            let tl = parse(&de62).unwrap_or_default();
            let rid = find(&tl, 0x9F06)
                .map(|x| x.value.clone())
                .unwrap_or_default();
            let idx = find(&tl, 0x9F22).and_then(|x| x.value.first().copied());
            match params
                .ca_keys
                .iter()
                .find(|k| k.rid[..] == rid[..] && Some(k.index) == idx)
            {
                Some(k) => {
                    t.term.downloads.keys_served += 1;
                    (Note::Key(k.name()), [b"1".to_vec(), k.tlv()].concat())
                }
                None => (Note::KeyNotFound, b"0".to_vec()),
            }
        }
        MessageKind::ParamDownload => {
            let tl = parse(&de62).unwrap_or_default();
            let aid = find(&tl, 0x9F06)
                .map(|x| x.value.clone())
                .unwrap_or_default();
            match params.aids.iter().find(|a| a.aid == aid) {
                Some(a) => {
                    t.term.downloads.params_served += 1;
                    (Note::Aid(a.aid_hex()), [b"1".to_vec(), a.tlv()].concat())
                }
                None => (Note::AidNotFound, b"0".to_vec()),
            }
        }
        MessageKind::KeyEnd => {
            t.term.downloads.keys_done = true;
            let n = t.term.downloads.keys_served;
            (Note::KeysDone(n), Vec::new())
        }
        MessageKind::ParamEnd => {
            t.term.downloads.params_done = true;
            let n = t.term.downloads.params_served;
            (Note::AidsDone(n), Vec::new())
        }
        _ => (Note::None, Vec::new()),
    };
    if !body.is_empty() {
        t.reply.set_bytes(62, body);
    }
    t.ex.download = Some(note.text(Lang::En));
    let requirement = matches!(kind, MessageKind::KeyEnd | MessageKind::ParamEnd)
        .then(|| t.term.pending_requirement(t.cfg.push_downloads));
    Handled {
        requirement,
        note: note.text(t.cfg.lang),
        ..Handled::default()
    }
}

/// One page of a query reply: the entries after the count the terminal already has.
fn query_page(de62: &[u8], entries: &[Vec<u8>], page: usize) -> (Note, Vec<u8>) {
    let have: usize = std::str::from_utf8(de62.get(1..).unwrap_or_default())
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    if entries.is_empty() {
        return (Note::Nothing, b"0".to_vec());
    }
    let end = (have + page.max(1)).min(entries.len());
    let slice = entries
        .get(have.min(entries.len())..end)
        .unwrap_or_default();
    let more = end < entries.len();
    let mut out = vec![if more { b'2' } else { b'1' }];
    for e in slice {
        out.extend_from_slice(e);
    }
    (
        Note::Entries {
            from: have + 1,
            to: end,
            of: entries.len(),
            more,
        },
        out,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_walks_the_list() {
        let entries: Vec<Vec<u8>> = (0..25u8).map(|i| vec![0x9F, 0x06, 1, i]).collect();
        let (n, p) = query_page(b"100", &entries, 10);
        let n = n.text(Lang::En);
        assert_eq!(p[0], b'2');
        assert_eq!(p.len(), 1 + 40);
        assert!(n.contains("1-10 of 25"), "{n}");
        let (_, p) = query_page(b"120", &entries, 10);
        assert_eq!(p[0], b'1');
        assert_eq!(p.len(), 1 + 20);
        let (_, p) = query_page(b"100", &[], 10);
        assert_eq!(p, b"0");
    }

    /// The log's output guard leaves a downloaded AID readable: the technician checks which
    /// AIDs the terminal received (a missing one is a fault the bench exists to find).
    #[test]
    fn a_downloaded_aid_is_named_in_full() {
        for lang in [Lang::En, Lang::ZhCn] {
            let n = Note::Aid("A000000333010101".into()).text(lang);
            assert!(n.contains("A000000333 010101"), "{n}");
            assert_eq!(crate::sensitive::redact_text(&n), n);
        }
    }
}
