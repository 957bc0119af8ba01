//! Purchases, reversals and script notices: the facts of a request (entry mode, masked PAN,
//! DE35 shape, DE55's TVR/TSI and missing tags), the PIN check against the deck, the journal
//! settlement is checked against, and the response code (`A0` for a failed MAC, `55` for a
//! wrong PIN, otherwise the rules').

use super::exchange::{EntryMode, Exchange, IccSummary, MacCheck, PinCheck, MANDATORY_DE55};
use super::kind::{ic_condition, MessageKind};
use super::terminal::JournalEntry;
use super::{Handled, Turn};
use crate::codec::iso8583::{original, CupsHeader, Message};
use crate::crypto::pin::decrypt_iso0;
use crate::host::chip::ArqcCheck;
use crate::host::rules::request_pan;
use crate::i18n::{t, tr, Lang};

/// The facts of a request that need no host state.
pub fn facts(req: &Message, header: Option<&CupsHeader>) -> Exchange {
    let kind = MessageKind::of(req);
    let pan = request_pan(req);
    Exchange {
        terminal_id: req.text(41).unwrap_or("").trim().to_string(),
        merchant_id: req.text(42).unwrap_or("").trim().to_string(),
        kind: Some(kind),
        mti: req.mti.clone(),
        stan: req.text(11).map(str::to_string),
        app_type: header.map(|h| h.app_type()),
        software_version: header.map(|h| h.software_version()),
        entry: req.text(22).map(EntryMode::of_de22),
        fallback_flag: ic_condition(req) == Some('2'),
        bank: pan
            .as_ref()
            .and_then(|p| crate::host::bank_of(p.expose_clear()))
            .map(|b| b.code),
        pan,
        has_track2: req.get(35).is_some(),
        track2_problem: req.get(35).and_then(|v| track2_problem(req, v.as_bytes())),
        amount_minor: req.text(4).and_then(|a| a.parse().ok()),
        icc: req.get(55).map(|v| icc_summary(v.as_bytes())),
        reason: req
            .mti
            .starts_with("04")
            .then(|| req.text(39).map(str::to_string))
            .flatten(),
        ..Exchange::default()
    }
}

/// Why DE35 is not a well-formed track-2 equivalent (ISO/IEC 7813: PAN, `=`/`D`, YYMM, service
/// code, discretionary digits, at most 37 characters), or None when it is.
fn track2_problem(req: &Message, raw: &[u8]) -> Option<String> {
    let t = String::from_utf8_lossy(raw);
    let t = t.trim_end_matches(['F', 'f']);
    if t.len() > 37 {
        return Some(format!("{} characters (at most 37)", t.len()));
    }
    let Some(sep) = t.find(['=', 'D', 'd']) else {
        return Some("no field separator".into());
    };
    let (pan, rest) = (&t[..sep], &t[sep + 1..]);
    if !(12..=19).contains(&pan.len()) || !pan.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("PAN part of {} characters", pan.len()));
    }
    if !rest.bytes().all(|b| b.is_ascii_digit()) || rest.len() < 7 {
        return Some("expiry and service code missing or not digits".into());
    }
    let month: u32 = rest[2..4].parse().unwrap_or(0);
    if !(1..=12).contains(&month) {
        return Some(format!("expiry month {month:02}"));
    }
    if let Some(de2) = req.text(2) {
        if de2 != pan {
            return Some("PAN differs from DE2".into());
        }
    }
    None
}

/// DE55 as the host reads it: TVR, TSI, CID, 9F09, AID and the mandatory tags missing.
pub fn icc_summary(de55: &[u8]) -> IccSummary {
    let Ok(list) = crate::codec::tlv::parse(de55) else {
        return IccSummary {
            malformed: true,
            ..IccSummary::default()
        };
    };
    let get = |tag: u32| crate::codec::tlv::find(&list, tag).map(|t| crate::hexfmt::hex(&t.value));
    IccSummary {
        tvr: get(0x95),
        tsi: get(0x9B),
        cid: get(0x9F27),
        app_version: get(0x9F09),
        aid: get(0x84).or_else(|| get(0x4F)),
        missing: MANDATORY_DE55
            .iter()
            .filter(|t| crate::codec::tlv::find(&list, **t).is_none())
            .map(|t| format!("{t:X}"))
            .collect(),
        malformed: false,
    }
}

fn approved(rc: &str) -> bool {
    matches!(rc, "00" | "10" | "11" | "Y1" | "Y3")
}

/// The PIN check of DE52 under the terminal's PIN key, against the deck's PIN for the card.
fn pin_check(t: &Turn<'_>) -> Option<PinCheck> {
    let block = t.req.get(52)?.as_bytes();
    let Some(keys) = &t.term.keys else {
        return Some(PinCheck::NoKey);
    };
    let pan = request_pan(t.req)?;
    let pan = pan.expose_clear();
    if !t.cfg.pins.has(pan) {
        return Some(PinCheck::NotExpected);
    }
    Some(match decrypt_iso0(&keys.pik, block, pan) {
        Ok(pin) => t.cfg.pins.check(pan, &pin),
        Err(_) => PinCheck::Malformed,
    })
}

/// 0100/0200: MAC, rules, PIN, journal, DE55 in the reply.
pub(crate) fn purchase(t: &mut Turn<'_>, mac: &MacCheck) -> Handled {
    let mut h = Handled {
        requirement: Some(t.term.pending_requirement(t.cfg.push_downloads)),
        ..Handled::default()
    };
    let mac_failed = matches!(
        mac,
        MacCheck::Invalid | MacCheck::NoKey | MacCheck::OtherAlgorithm(_)
    );
    // The issuer checks the PIN only when it is reached: a rule's decline (a bank that is
    // down) leaves the PIN unchecked.
    let pin = if !mac_failed && approved(&t.decision.rc) {
        pin_check(t)
    } else {
        None
    };
    t.ex.pin = pin.clone();
    let rc = if mac_failed {
        t.ex.rule = super::RULE_MAC_CHECK.into();
        "A0".to_string()
    } else if approved(&t.decision.rc)
        && matches!(pin, Some(PinCheck::Wrong) | Some(PinCheck::Malformed))
    {
        t.ex.rule = super::RULE_PIN_CHECK.into();
        "55".to_string()
    } else {
        t.decision.rc.clone()
    };
    h.note = notes(t.cfg.lang, mac, pin.as_ref());
    // The issuer checks the ARQC of a chip request first; a wrong one is declined 59 (the
    // cryptogram's "suspected fraud"), with no ARPC.
    let chip = t
        .req
        .get(55)
        .and_then(|de55| super::icc::reply_de55(t.cfg, t.req, de55.as_bytes(), &rc));
    let rc = match &chip {
        Some(c) if c.check == ArqcCheck::Invalid && approved(&rc) => {
            t.ex.rule = super::RULE_ARQC_CHECK.into();
            "59".to_string()
        }
        _ => rc,
    };
    if let Some(p) = request_pan(t.req) {
        t.term.journal.push(JournalEntry {
            mti: t.req.mti.clone(),
            stan: t.req.text(11).unwrap_or("").to_string(),
            amount_minor: t.ex.amount_minor.unwrap_or(0),
            credit: t.ex.kind == Some(MessageKind::Refund),
            approved: approved(&rc),
            reversed: false,
            pan: p.expose_clear().to_string(),
        });
    }
    if let Some(chip) = chip {
        h.note = format!("{}, {}", h.note, chip.check.note_in(t.cfg.lang));
        t.ex.arqc = Some(chip.check.as_str().to_string());
        if let Some(mut resp) = chip.reply_de55 {
            if let Some(tag) = t.decision.issuer_script {
                resp.extend(crate::host::chip::issuer_script(tag));
            }
            t.reply.set_bytes(55, resp);
        }
    }
    h.rc = Some(rc);
    h
}

/// The MAC and PIN notes of a purchase's log line (`MAC ok, PIN correct`).
fn notes(lang: Lang, mac: &MacCheck, pin: Option<&PinCheck>) -> String {
    let mut n = vec![match mac {
        MacCheck::Absent => tr(lang, "host-note-no-mac"),
        MacCheck::Valid => tr(lang, "host-note-mac-ok"),
        MacCheck::OtherAlgorithm(a) => t!(lang, "host-note-mac-other", algorithm = a.to_string()),
        MacCheck::Invalid => tr(lang, "host-note-mac-wrong"),
        MacCheck::NoKey => tr(lang, "host-note-not-signed-on"),
    }];
    if let Some(p) = pin {
        n.push(match p {
            PinCheck::Absent => tr(lang, "host-note-no-pin"),
            PinCheck::Correct => tr(lang, "host-note-pin-correct"),
            PinCheck::Wrong => tr(lang, "host-note-pin-wrong"),
            PinCheck::Malformed => tr(lang, "host-note-pin-malformed"),
            PinCheck::NotExpected => tr(lang, "host-note-pin-not-in-deck"),
            PinCheck::NoKey => tr(lang, "host-note-no-pin-key"),
        });
    }
    n.join(", ")
}

/// 0400: marks the original reversed; the reason is in the facts. The original is the one DE90
/// names (its MTI and STAN; the reversal's own DE11 is its own trace number), or, without a
/// DE90 that names one, the one with the reversal's STAN (older terminals reuse it).
pub(crate) fn reversal(t: &mut Turn<'_>) -> Handled {
    let own = t.req.text(11).unwrap_or("");
    let de90 = t.req.text(90).map(original::de90);
    let by_de90 = de90.filter(|d| d.names_original());
    let stan = by_de90.map_or(own, |d| d.stan);
    let mti = by_de90.filter(|d| d.has_mti()).map(|d| d.mti);
    let found = t
        .term
        .journal
        .iter_mut()
        .rev()
        .find(|e| e.stan == stan && !e.reversed && mti.is_none_or(|m| e.mti == m));
    let lang = t.cfg.lang;
    let note = match (found, by_de90) {
        (Some(e), Some(d)) => {
            e.reversed = true;
            t!(
                lang,
                "host-note-reverses-de90",
                mti = e.mti.as_str(),
                stan = d.stan
            )
            .into_owned()
        }
        (Some(e), None) => {
            e.reversed = true;
            t!(lang, "host-note-reverses", stan = stan).into_owned()
        }
        (None, Some(d)) => {
            let mti = if d.has_mti() { d.mti } else { "?" };
            t!(lang, "host-note-no-original-de90", mti = mti, stan = d.stan).into_owned()
        }
        (None, None) => t!(lang, "host-note-no-original", stan = stan).into_owned(),
    };
    Handled {
        note,
        ..Handled::default()
    }
}

/// 0620: the issuer-script result notice (DE61 = original batch, STAN, date).
pub(crate) fn script_notice(t: &mut Turn<'_>, mac: &MacCheck) -> Handled {
    let original = t.req.text(61).unwrap_or("").to_string();
    Handled {
        note: t!(
            t.cfg.lang,
            "host-note-script-result",
            original = if original.is_empty() { "?" } else { &original },
            maced = if *mac == MacCheck::Absent {
                "no"
            } else {
                "yes"
            }
        )
        .into_owned(),
        ..Handled::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn track2_shapes() {
        let m = Message::new("0200").with(2, "6222020000000007");
        assert_eq!(
            track2_problem(&m, b"6222020000000007D28122011234567890"),
            None
        );
        assert_eq!(track2_problem(&m, b"6222020000000007=2812201"), None);
        assert!(track2_problem(&m, b"62220200000000072812201").is_some());
        assert!(track2_problem(&m, b"6222020000000007D2813201")
            .unwrap()
            .contains("month 13"));
        assert!(track2_problem(&m, b"6222020000000015D2812201")
            .unwrap()
            .contains("DE2"));
    }

    #[test]
    fn de55_summary_lists_missing_tags() {
        let de55 = crate::codec::tlv::encode(&[
            crate::codec::tlv::prim(0x95, vec![0x80, 0, 0, 0, 0]),
            crate::codec::tlv::prim(0x9B, vec![0xE8, 0]),
        ]);
        let s = icc_summary(&de55);
        assert_eq!(s.tvr.as_deref(), Some("8000000000"));
        assert_eq!(s.tsi.as_deref(), Some("E800"));
        assert!(s.missing.contains(&"9F26".to_string()));
        assert!(!s.missing.contains(&"95".to_string()));
        assert!(icc_summary(&[0x9F]).malformed);
    }
}
