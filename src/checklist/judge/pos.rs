//! Judges for a whole POS terminal (`pos8583`): what the host saw (`host::acquirer::Exchange`)
//! and what the terminal's screen showed, in; rows out. One row per card and interface (the
//! sale), and terminal rows: sign-on and key check values, downloads, software version, STAN
//! increments, the reversal after an unanswered sale, settlement totals, batch upload.

use super::Judging;
use crate::deck::DeckCard;
use crate::host::acquirer::{EntryMode, Exchange, MacCheck, MessageKind, PinCheck};
use crate::host::params::Params;
use crate::model::{Attempt, Interface, Outcome, ReversalReason, Signal};
use crate::sim::pos::Shown;

/// What the operator (or the simulated terminal) says the screen showed when nothing arrived.
pub(crate) fn shown_signal(shown: Option<&Shown>) -> (Signal, &'static str) {
    match shown {
        Some(Shown::ReadError) => (Signal::PosReadError, "the terminal showed a read error"),
        Some(Shown::KeyError) => (Signal::KeysRejected, "the terminal showed a key error"),
        Some(Shown::NoAnswer) | None => (Signal::PosNoMessage, "nothing arrived from the terminal"),
        Some(_) => (
            Signal::PosNoMessage,
            "nothing arrived; the terminal showed something else",
        ),
    }
}

/// The first failure of a sale, in the order a technician would look: keys and MAC, how the
/// card was read, which card, its data, the PIN, the reversal after it, the host's answer.
fn first_failure(
    ex: &Exchange,
    card: &DeckCard,
    iface: Interface,
    params: &Params,
    j: &Judging<'_>,
) -> Vec<(Signal, String)> {
    let mut f = Vec::new();
    match &ex.mac {
        Some(MacCheck::NoKey) => f.push((Signal::NotSignedOn, "not signed on".into())),
        Some(MacCheck::Invalid) => f.push((Signal::MacInvalid, "MAC wrong".into())),
        Some(MacCheck::OtherAlgorithm(a)) => {
            f.push((Signal::MacAlgorithm, format!("MAC computed with {a}")))
        }
        Some(MacCheck::Absent) => f.push((Signal::MacMissing, "no MAC".into())),
        _ => {}
    }
    match (&ex.entry, iface) {
        (Some(EntryMode::Fallback), Interface::Chip) => {
            f.push((Signal::EntryFallback, "chip card sent as fallback".into()))
        }
        (Some(EntryMode::Swipe), Interface::Swipe) | (Some(EntryMode::Chip), Interface::Chip) => {}
        (Some(e), _) => f.push((Signal::EntryMismatch, format!("entry mode {}", e.as_str()))),
        (None, _) => f.push((Signal::EntryMismatch, "no DE22".into())),
    }
    if let Some(why) = ex.pan.as_ref().and_then(|pan| j.wrong_card(card, pan)) {
        f.push((Signal::CardMismatch, why.en));
    }
    if let Some(p) = &ex.track2_problem {
        f.push((Signal::Track2Bad, format!("DE35: {p}")));
    }
    if iface == Interface::Chip {
        icc_failures(ex, params, &mut f);
    }
    match &ex.pin {
        Some(PinCheck::Wrong) => {
            f.push((Signal::PinWrong, "PIN digits differ from the deck's".into()))
        }
        Some(PinCheck::Malformed) => f.push((Signal::PinBlockBad, "PIN block malformed".into())),
        _ => {}
    }
    f
}

/// DE55: present with its mandatory tags, 9F09 against the parameters, TVR bit by bit.
fn icc_failures(ex: &Exchange, params: &Params, f: &mut Vec<(Signal, String)>) {
    let Some(icc) = &ex.icc else {
        if ex.entry == Some(EntryMode::Chip) {
            f.push((Signal::IccDataMissing, "no DE55".into()));
        }
        return;
    };
    if icc.malformed || !icc.missing.is_empty() {
        f.push((
            Signal::IccDataMissing,
            format!("DE55 lacks {}", icc.missing.join(" ")),
        ));
    }
    let aid = icc
        .aid
        .as_deref()
        .and_then(|a| crate::hexfmt::parse_hex(a).ok());
    let want = aid
        .as_deref()
        .and_then(|a| params.aid(a))
        .map(|p| crate::hexfmt::hex(&p.kernel_version));
    if let (Some(got), Some(want)) = (&icc.app_version, want) {
        if !got.eq_ignore_ascii_case(&want) {
            f.push((
                Signal::KernelVersion,
                format!("9F09 {got}, the parameters say {want}"),
            ));
        }
    }
    let tvr = icc
        .tvr
        .as_deref()
        .and_then(|t| crate::hexfmt::parse_hex(t).ok())
        .unwrap_or_default();
    if tvr.first().is_some_and(|b| b & 0xCC != 0) {
        f.push((
            Signal::TvrOda,
            format!(
                "TVR {}: offline data authentication failed",
                icc.tvr.as_deref().unwrap_or("")
            ),
        ));
    }
    if tvr.get(1).is_some_and(|b| b & 0x80 != 0) {
        f.push((
            Signal::TvrVersion,
            "TVR: application versions differ".into(),
        ));
    }
}

/// The row of one sale (card × interface): `sale` is the financial exchange (None when
/// nothing arrived), `after` the exchanges that followed it (reversals), `shown` what the
/// terminal showed.
#[allow(clippy::too_many_arguments)]
pub(crate) fn judge_sale(
    mut base: Attempt,
    card: &DeckCard,
    iface: Interface,
    sale: Option<&Exchange>,
    after: &[Exchange],
    shown: Option<&Shown>,
    params: &Params,
    j: &Judging<'_>,
) -> Attempt {
    let Some(ex) = sale else {
        let (signal, why) = shown_signal(shown);
        base.judge(Outcome::Fail, signal, why);
        return base;
    };
    j.fill_card(&mut base, ex.pan.as_ref());
    base.rc = ex.rc_sent.clone().unwrap_or_default();
    base.latency_ms = ex.reply_ms;
    if let Some(icc) = &ex.icc {
        base.tvr = icc.tvr.clone().unwrap_or_default();
        base.tsi = icc.tsi.clone().unwrap_or_default();
        base.aid = icc.aid.clone().unwrap_or_default();
    }
    let mut fails = first_failure(ex, card, iface, params, j);
    let stan = ex.stan.as_deref().unwrap_or("");
    if let Some(rev) = after
        .iter()
        .find(|x| x.kind == Some(MessageKind::Reversal) && x.stan.as_deref() == Some(stan))
    {
        let reason = ReversalReason::parse(rev.reason.as_deref().unwrap_or(""));
        if reason != ReversalReason::NoReply {
            fails.push((
                Signal::Reversal(reason.clone()),
                format!("reversed with DE39 {}", reason.code()),
            ));
        }
    }
    let rc = ex.rc_sent.clone().unwrap_or_default();
    let answer = if rc.is_empty() {
        "no reply (withheld by the bench)".to_string()
    } else {
        format!("RC {rc}")
    };
    let detail_ok = format!(
        "{} {} STAN {stan} {answer}; MAC ok{}{}",
        ex.mti,
        ex.entry.as_ref().map(|e| e.as_str()).unwrap_or("?"),
        match &ex.pin {
            Some(PinCheck::Correct) => ", PIN correct",
            _ => "",
        },
        ex.arqc
            .as_deref()
            .map(|a| format!(", {a}"))
            .unwrap_or_default()
    );
    if fails.is_empty() && !crate::codec::iso8583::rc::is_approved(&rc) && !rc.is_empty() {
        fails.push((Signal::rc(&rc), format!("host answered RC {rc}")));
    }
    match fails.first() {
        None => base.judge(Outcome::Pass, Signal::Ok, detail_ok),
        Some((sig, _)) => {
            let all: Vec<&str> = fails.iter().map(|(_, d)| d.as_str()).collect();
            let detail = format!("{}; {}", all.join("; "), detail_ok.replace("; MAC ok", ""));
            base.judge(Outcome::Fail, sig.clone(), detail);
        }
    }
    base
}

/// The sign-on row: the 0810 carried keys, and the terminal accepted them (it did not sign on
/// again at once, nor show a key error).
pub(crate) fn judge_sign_on(mut base: Attempt, exs: &[Exchange], shown: Option<&Shown>) -> Attempt {
    let signons: Vec<&Exchange> = exs
        .iter()
        .filter(|x| matches!(x.kind, Some(MessageKind::SignOn(_))))
        .collect();
    let Some(first) = signons.first() else {
        let (signal, why) = shown_signal(shown);
        base.judge(Outcome::Fail, signal, format!("no sign-on: {why}"));
        return base;
    };
    base.rc = first.rc_sent.clone().unwrap_or_default();
    base.latency_ms = first.reply_ms;
    let kcv = first
        .sign_on
        .as_ref()
        .map(|s| {
            s.check_values
                .iter()
                .map(|(n, c)| format!("{n} KCV {c}"))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let layout = first
        .sign_on
        .as_ref()
        .map(|s| s.layout.code())
        .unwrap_or("?");
    let rejected = signons.len() > 1 || shown == Some(&Shown::KeyError);
    if rejected {
        base.judge(
            Outcome::Fail,
            Signal::KeysRejected,
            format!(
                "{} sign-ons: the terminal refused the keys (check values); master KCV {}",
                signons.len(),
                first.master_kcv.as_deref().unwrap_or("?")
            ),
        );
    } else if first.rc_sent.as_deref() != Some("00") {
        let rc = first.rc_sent.clone().unwrap_or_default();
        base.judge(
            Outcome::Fail,
            Signal::rc(&rc),
            format!("sign-on answered RC {rc}"),
        );
    } else {
        base.judge(
            Outcome::Pass,
            Signal::Ok,
            format!(
                "sign-on {layout}, {kcv}, batch {}",
                first
                    .sign_on
                    .as_ref()
                    .map(|s| s.batch.as_str())
                    .unwrap_or("?")
            ),
        );
    }
    base
}

/// The downloads row: every requirement the host set was followed by the download's end.
pub(crate) fn judge_downloads(mut base: Attempt, exs: &[Exchange]) -> Option<Attempt> {
    // A terminal that refused its keys never gets as far as the downloads.
    if exs
        .iter()
        .filter(|x| matches!(x.kind, Some(MessageKind::SignOn(_))))
        .count()
        > 1
    {
        return None;
    }
    let asked_keys = exs.iter().any(|x| x.requirement_sent == 4);
    let asked_params = exs.iter().any(|x| x.requirement_sent == 5);
    if !asked_keys && !asked_params {
        return None;
    }
    let has = |k: MessageKind| exs.iter().any(|x| x.kind == Some(k));
    let keys_ok = !asked_keys || has(MessageKind::KeyEnd);
    let params_ok = !asked_params || has(MessageKind::ParamEnd);
    let served = exs
        .iter()
        .filter(|x| {
            matches!(
                x.kind,
                Some(MessageKind::KeyDownload | MessageKind::ParamDownload)
            )
        })
        .count();
    if keys_ok && params_ok {
        base.judge(
            Outcome::Pass,
            Signal::Ok,
            format!("public keys and IC parameters downloaded ({served} entries)"),
        );
    } else {
        base.judge(
            Outcome::Fail,
            Signal::DownloadsIgnored,
            format!(
                "the host asked for {}{} and the terminal did not complete {}",
                if asked_keys { "public keys " } else { "" },
                if asked_params { "IC parameters" } else { "" },
                if keys_ok {
                    "the IC parameters"
                } else {
                    "the public-key download"
                }
            ),
        );
    }
    Some(base)
}

/// The software-version row (header version at or above `min`).
pub(crate) fn judge_version(
    mut base: Attempt,
    exs: &[Exchange],
    min: Option<&str>,
) -> Option<Attempt> {
    let v = exs.iter().find_map(|x| x.software_version.clone())?;
    match min {
        Some(m) if v.as_str() < m => base.judge(
            Outcome::Fail,
            Signal::SoftwareVersion,
            format!("header software version {v} is older than {m}"),
        ),
        _ => base.judge(
            Outcome::Pass,
            Signal::Ok,
            format!("header software version {v}"),
        ),
    }
    base.firmware = v;
    Some(base)
}

/// The STAN row: no STAN used twice by requests that are not reversals.
pub(crate) fn judge_stan(mut base: Attempt, exs: &[Exchange]) -> Option<Attempt> {
    let stans: Vec<&str> = exs
        .iter()
        .filter(|x| x.kind != Some(MessageKind::Reversal))
        .filter_map(|x| x.stan.as_deref())
        .collect();
    if stans.len() < 2 {
        return None;
    }
    let mut seen = std::collections::BTreeSet::new();
    let reused: Vec<&str> = stans.iter().copied().filter(|s| !seen.insert(*s)).collect();
    if reused.is_empty() {
        base.judge(
            Outcome::Pass,
            Signal::Ok,
            format!("{} STANs, none reused", stans.len()),
        );
    } else {
        base.judge(
            Outcome::Fail,
            Signal::StanReuse,
            format!(
                "STAN reused: {} (the host would answer 94)",
                reused.join(", ")
            ),
        );
    }
    Some(base)
}

/// The reversal row: after the sale the host left unanswered (`stan`), a 0400 with DE39 98.
pub(crate) fn judge_reversal(mut base: Attempt, stan: &str, after: &[Exchange]) -> Attempt {
    match after
        .iter()
        .find(|x| x.kind == Some(MessageKind::Reversal) && x.stan.as_deref() == Some(stan))
    {
        Some(r) if r.reason.as_deref() == Some("98") => base.judge(
            Outcome::Pass,
            Signal::Ok,
            format!("STAN {stan} unanswered: reversed with DE39 98"),
        ),
        Some(r) => {
            let reason = ReversalReason::parse(r.reason.as_deref().unwrap_or(""));
            base.judge(
                Outcome::Fail,
                Signal::Reversal(reason.clone()),
                format!(
                    "STAN {stan} unanswered: reversed with DE39 {} (98 expected)",
                    reason.code()
                ),
            )
        }
        None => base.judge(
            Outcome::Fail,
            Signal::NoReversal,
            format!("STAN {stan} unanswered and never reversed"),
        ),
    }
    base
}

/// The settlement and batch-upload rows.
pub(crate) fn judge_settlement(
    base: Attempt,
    exs: &[Exchange],
    shown: Option<&Shown>,
) -> Vec<Attempt> {
    let Some(s) = exs.iter().find(|x| x.kind == Some(MessageKind::Settlement)) else {
        let mut a = base;
        let (signal, why) = shown_signal(shown);
        a.judge(Outcome::Fail, signal, format!("no settlement: {why}"));
        return vec![a];
    };
    let mut a = base.clone();
    a.step = "settlement".into();
    a.rc = s.rc_sent.clone().unwrap_or_default();
    match &s.settlement {
        Some(c) if c.balanced => {
            a.judge(Outcome::Pass, Signal::Ok, format!("balanced: {}", c.host))
        }
        Some(c) => a.judge(
            Outcome::Fail,
            Signal::Unbalanced,
            format!("terminal {}, host {} (RC 95)", c.terminal, c.host),
        ),
        None => a.judge(Outcome::Fail, Signal::Unbalanced, "totals unreadable"),
    }
    let mut out = vec![a];
    if let Some(end) = exs
        .iter()
        .rev()
        .find(|x| x.kind == Some(MessageKind::BatchUploadEnd))
    {
        let mut b = base;
        b.step = "batch-upload".into();
        let u = end.upload.clone().unwrap_or_default();
        let (m, n) = u.split_once('/').unwrap_or(("0", "0"));
        if m == n {
            b.judge(
                Outcome::Pass,
                Signal::Ok,
                format!("{u} records match the host's journal"),
            );
        } else {
            b.judge(
                Outcome::Fail,
                Signal::UploadMismatch,
                format!("{u} records match the host's journal"),
            );
        }
        out.push(b);
    }
    out
}
