//! Settlement (0500 `201`) and batch upload (0320), notes §1.8. The 0500's DE48 carries the
//! terminal's totals as 62 digits: RMB debit amount n12, count n3, credit amount n12, count n3,
//! flag n1, then the same 31 digits for foreign cards. The host compares them with its own
//! journal of the batch: balanced → RC `00`, flag `1`; unbalanced → RC `95` (reconcile error,
//! as issue 11 asks) with flag `2` and the host's totals — a public CUPS host answers `00` with
//! flag `2` instead (docs/pos.md). Batch-upload records (n2 count + 40 digits each: card
//! organisation n2, STAN n6, PAN n20, amount n12) are matched against the journal; the upload
//! end (`202`/`207`, DE48 = n4 count) closes the batch.

use super::exchange::SettlementCheck;
use super::terminal::Totals;
use super::{Handled, Turn};
use crate::i18n::{t, tr, Lang};

/// Reads the RMB totals of a 0500's DE48 (the first 31 digits).
pub fn parse_totals(de48: &str) -> Option<Totals> {
    let d = de48.get(..30)?;
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Totals {
        debit_amount: d[0..12].parse().ok()?,
        debit_count: d[12..15].parse().ok()?,
        credit_amount: d[15..27].parse().ok()?,
        credit_count: d[27..30].parse().ok()?,
    })
}

/// DE48 of a 0500/0510: RMB totals with `flag`, foreign totals zero with the same flag.
pub fn totals_de48(t: &Totals, flag: char) -> String {
    format!(
        "{:012}{:03}{:012}{:03}{flag}{}{flag}",
        t.debit_amount % 1_000_000_000_000,
        t.debit_count % 1000,
        t.credit_amount % 1_000_000_000_000,
        t.credit_count % 1000,
        "0".repeat(30)
    )
}

fn de48_text(t: &Turn<'_>) -> String {
    match t.req.get(48) {
        Some(v) => match v.as_text() {
            Some(s) => s.to_string(),
            None => crate::hexfmt::hex(v.as_bytes()),
        },
        None => String::new(),
    }
}

/// 0500: compares the terminal's totals with the host's journal.
pub(crate) fn settlement(t: &mut Turn<'_>) -> Handled {
    let host = t.term.totals();
    let Some(pos) = parse_totals(&de48_text(t)) else {
        t.ex.rule = super::RULE_TOTALS_UNREADABLE.into();
        return Handled {
            rc: Some("30".into()),
            note: tr(t.cfg.lang, "host-note-totals-unreadable").into_owned(),
            ..Handled::default()
        };
    };
    let balanced = pos == host;
    t.ex.settlement = Some(SettlementCheck {
        balanced,
        terminal: pos.describe(),
        host: host.describe(),
    });
    let (rc, flag) = if balanced {
        ("00", '1')
    } else {
        t.ex.rule = super::RULE_TOTALS_DIFFER.into();
        ("95", '2')
    };
    t.reply
        .set(48, totals_de48(if balanced { &pos } else { &host }, flag));
    let lang = t.cfg.lang;
    Handled {
        rc: Some(rc.into()),
        note: if balanced {
            t!(lang, "host-note-balanced", host = host.describe_in(lang))
        } else {
            t!(
                lang,
                "host-note-unbalanced",
                terminal = pos.describe_in(lang),
                host = host.describe_in(lang)
            )
        }
        .into_owned(),
        ..Handled::default()
    }
}

/// 0320 detail: magstripe records in DE48, or one IC transaction (DE2, DE4).
pub(crate) fn upload(t: &mut Turn<'_>) -> Handled {
    let de48 = de48_text(t);
    let mut records: Vec<(String, String, u64)> = Vec::new();
    if let (Some(n), true) = (
        de48.get(..2).and_then(|n| n.parse::<usize>().ok()),
        t.req.get(2).is_none(),
    ) {
        for i in 0..n {
            let Some(r) = de48.get(2 + i * 40..2 + (i + 1) * 40) else {
                break;
            };
            let pan = r[8..28].trim_start_matches('0').to_string();
            records.push((r[2..8].to_string(), pan, r[28..40].parse().unwrap_or(0)));
        }
    } else if let (Some(pan), Some(amount)) = (t.req.text(2), t.ex.amount_minor) {
        let stan = t
            .req
            .text(61)
            .and_then(|o| o.get(6..12))
            .unwrap_or("")
            .to_string();
        records.push((stan, pan.to_string(), amount));
    }
    let matched = records
        .iter()
        .filter(|(stan, pan, amount)| {
            t.term.journal.iter().any(|e| {
                e.pan == *pan && e.amount_minor == *amount && (stan.is_empty() || e.stan == *stan)
            })
        })
        .count() as u32;
    t.term.uploaded += records.len() as u32;
    t.term.upload_matched += matched;
    let note = |lang: Lang| {
        t!(
            lang,
            "host-note-upload",
            matched = matched,
            records = records.len()
        )
        .into_owned()
    };
    t.ex.upload = Some(note(Lang::En));
    Handled {
        note: note(t.cfg.lang),
        ..Handled::default()
    }
}

/// 0320 end: the terminal's count against the records received; the batch closes.
pub(crate) fn upload_end(t: &mut Turn<'_>) -> Handled {
    let said: u32 = de48_text(t)
        .get(..4)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let note = t!(
        t.cfg.lang,
        "host-note-upload-end",
        said = said,
        received = t.term.uploaded,
        matched = t.term.upload_matched
    )
    .into_owned();
    t.ex.upload = Some(format!("{}/{said}", t.term.upload_matched));
    t.term.close_batch();
    Handled {
        note,
        ..Handled::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de48_totals_round_trip() {
        let t = Totals {
            debit_amount: 300,
            debit_count: 3,
            credit_amount: 0,
            credit_count: 0,
        };
        let s = totals_de48(&t, '0');
        assert_eq!(s.len(), 62);
        assert_eq!(&s[30..31], "0");
        assert_eq!(parse_totals(&s), Some(t));
        assert!(parse_totals("12").is_none());
    }
}
