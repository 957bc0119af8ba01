//! Judges for a whole POS terminal (`pos8583`): what the host saw (`host::acquirer::Exchange`)
//! and what the terminal's screen showed, in; rows out. One row per card and interface (the
//! sale), and terminal rows: sign-on and key check values, downloads, software version, STAN
//! increments, the reversal after an unanswered sale, settlement totals, batch upload.

use super::{both, join_parts, Judging};
use crate::deck::DeckCard;
use crate::host::acquirer::{EntryMode, Exchange, MacCheck, MessageKind, PinCheck};
use crate::host::params::Params;
use crate::i18n::{t, Lang, Text};
use crate::model::{Attempt, Interface, Outcome, ReversalReason, Signal};
use crate::sim::pos::Shown;

/// What the operator (or the simulated terminal) says the screen showed when nothing arrived.
pub(crate) fn shown_signal(shown: Option<&Shown>) -> (Signal, Text) {
    match shown {
        Some(Shown::ReadError) => (Signal::PosReadError, Text::tr("judge-pos-shown-read-error")),
        Some(Shown::KeyError) => (Signal::KeysRejected, Text::tr("judge-pos-shown-key-error")),
        Some(Shown::NoAnswer) | None => (Signal::PosNoMessage, Text::tr("judge-pos-shown-nothing")),
        Some(_) => (Signal::PosNoMessage, Text::tr("judge-pos-shown-other")),
    }
}

/// A detail part from the catalogue with one variable.
fn part(id: &str, name: &'static str, value: impl std::fmt::Display) -> Text {
    Text::tr_args(id, &[(name, value.to_string().into())])
}

/// The first failure of a sale, in the order a technician would look: keys and MAC, how the
/// card was read, which card, its data, the PIN, the reversal after it, the host's answer.
fn first_failure(
    ex: &Exchange,
    card: &DeckCard,
    iface: Interface,
    params: &Params,
    j: &Judging<'_>,
) -> Vec<(Signal, Text)> {
    let mut f = Vec::new();
    match &ex.mac {
        Some(MacCheck::NoKey) => f.push((Signal::NotSignedOn, Text::tr("judge-pos-not-signed-on"))),
        Some(MacCheck::Invalid) => f.push((Signal::MacInvalid, Text::tr("judge-pos-mac-wrong"))),
        Some(MacCheck::OtherAlgorithm(a)) => f.push((
            Signal::MacAlgorithm,
            part("judge-pos-mac-algorithm", "algorithm", a),
        )),
        Some(MacCheck::Absent) => f.push((Signal::MacMissing, Text::tr("judge-pos-mac-missing"))),
        _ => {}
    }
    match (&ex.entry, iface) {
        (Some(EntryMode::Fallback), Interface::Chip) => {
            f.push((Signal::EntryFallback, Text::tr("judge-pos-fallback")))
        }
        (Some(EntryMode::Swipe), Interface::Swipe) | (Some(EntryMode::Chip), Interface::Chip) => {}
        (Some(e), _) => f.push((
            Signal::EntryMismatch,
            part("judge-pos-entry-mode", "mode", e.as_str()),
        )),
        (None, _) => f.push((Signal::EntryMismatch, Text::tr("judge-pos-no-de22"))),
    }
    if let Some(why) = ex.pan.as_ref().and_then(|pan| j.wrong_card(card, pan)) {
        f.push((Signal::CardMismatch, why));
    }
    if let Some(p) = &ex.track2_problem {
        f.push((Signal::Track2Bad, part("judge-pos-track2", "problem", p)));
    }
    if iface == Interface::Chip {
        icc_failures(ex, params, &mut f);
    }
    match &ex.pin {
        Some(PinCheck::Wrong) => f.push((Signal::PinWrong, Text::tr("judge-pos-pin-wrong"))),
        Some(PinCheck::Malformed) => {
            f.push((Signal::PinBlockBad, Text::tr("judge-pos-pin-block-bad")))
        }
        _ => {}
    }
    f
}

/// DE55: present with its mandatory tags, 9F09 against the parameters, TVR bit by bit.
fn icc_failures(ex: &Exchange, params: &Params, f: &mut Vec<(Signal, Text)>) {
    let Some(icc) = &ex.icc else {
        if ex.entry == Some(EntryMode::Chip) {
            f.push((Signal::IccDataMissing, Text::tr("judge-pos-no-de55")));
        }
        return;
    };
    if icc.malformed || !icc.missing.is_empty() {
        f.push((
            Signal::IccDataMissing,
            part("judge-pos-de55-lacks", "tags", icc.missing.join(" ")),
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
                Text::tr_args(
                    "judge-pos-kernel-version",
                    &[("got", got.as_str().into()), ("want", want.into())],
                ),
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
            part("judge-pos-tvr-oda", "tvr", icc.tvr.as_deref().unwrap_or("")),
        ));
    }
    if tvr.get(1).is_some_and(|b| b & 0x80 != 0) {
        f.push((Signal::TvrVersion, Text::tr("judge-pos-tvr-version")));
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
        base.judge_text(Outcome::Fail, signal, why);
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
                part("judge-pos-reversed", "code", reason.code()),
            ));
        }
    }
    let rc = ex.rc_sent.clone().unwrap_or_default();
    if fails.is_empty() && !crate::codec::iso8583::rc::is_approved(&rc) && !rc.is_empty() {
        fails.push((Signal::rc(&rc), part("judge-pos-host-rc", "rc", &rc)));
    }
    // The sale in a few words; a failed one leaves out "MAC ok" (the failures come first).
    let summary = |mac_ok: bool| {
        both(|l| {
            let answer = if rc.is_empty() {
                t!(l, "judge-pos-withheld")
            } else {
                format!("RC {rc}").into()
            };
            t!(
                l,
                "judge-pos-sale",
                mti = ex.mti.as_str(),
                entry = ex.entry.as_ref().map(|e| e.as_str()).unwrap_or("?"),
                stan = stan,
                answer = answer,
                mac = if mac_ok { "ok" } else { "none" },
                pin = match &ex.pin {
                    Some(PinCheck::Correct) => "correct",
                    _ => "none",
                },
                arqc = ex
                    .arqc
                    .as_deref()
                    .map(|a| format!(", {}", arqc_text(a, l)))
                    .unwrap_or_default()
            )
        })
    };
    match fails.first() {
        None => base.judge_text(Outcome::Pass, Signal::Ok, summary(true)),
        Some((sig, _)) => {
            let mut parts: Vec<Text> = fails.iter().map(|(_, d)| d.clone()).collect();
            parts.push(summary(false));
            base.judge_text(Outcome::Fail, sig.clone(), join_parts(&parts));
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
        base.judge_text(
            Outcome::Fail,
            signal,
            no_message("judge-pos-no-sign-on", &why),
        );
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
        let detail = Text::tr_args(
            "judge-pos-keys-refused",
            &[
                ("count", signons.len().into()),
                ("kcv", first.master_kcv.as_deref().unwrap_or("?").into()),
            ],
        );
        base.judge_text(Outcome::Fail, Signal::KeysRejected, detail);
    } else if first.rc_sent.as_deref() != Some("00") {
        let rc = first.rc_sent.clone().unwrap_or_default();
        base.judge_text(
            Outcome::Fail,
            Signal::rc(&rc),
            part("judge-pos-sign-on-rc", "rc", &rc),
        );
    } else {
        let batch = first
            .sign_on
            .as_ref()
            .map(|s| s.batch.as_str())
            .unwrap_or("?");
        let detail = Text::tr_args(
            "judge-pos-sign-on-ok",
            &[
                ("layout", layout.into()),
                ("kcv", kcv.as_str().into()),
                ("batch", batch.into()),
            ],
        );
        base.judge_text(Outcome::Pass, Signal::Ok, detail);
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
        let detail = Text::tr_args("judge-pos-downloads-ok", &[("count", served.into())]);
        base.judge_text(Outcome::Pass, Signal::Ok, detail);
    } else {
        let asked = match (asked_keys, asked_params) {
            (true, true) => "both",
            (true, false) => "keys",
            _ => "params",
        };
        let missing = if keys_ok { "params" } else { "keys" };
        let detail = Text::tr_args(
            "judge-pos-downloads-ignored",
            &[("asked", asked.into()), ("missing", missing.into())],
        );
        base.judge_text(Outcome::Fail, Signal::DownloadsIgnored, detail);
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
        Some(m) if v.as_str() < m => base.judge_text(
            Outcome::Fail,
            Signal::SoftwareVersion,
            Text::tr_args(
                "judge-pos-version-old",
                &[("version", v.as_str().into()), ("min", m.into())],
            ),
        ),
        _ => base.judge_text(
            Outcome::Pass,
            Signal::Ok,
            part("judge-pos-version", "version", &v),
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
        let detail = Text::tr_args("judge-pos-stans-ok", &[("count", stans.len().into())]);
        base.judge_text(Outcome::Pass, Signal::Ok, detail);
    } else {
        base.judge_text(
            Outcome::Fail,
            Signal::StanReuse,
            part("judge-pos-stan-reused", "stans", reused.join(", ")),
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
        Some(r) if r.reason.as_deref() == Some("98") => base.judge_text(
            Outcome::Pass,
            Signal::Ok,
            part("judge-pos-reversal-ok", "stan", stan),
        ),
        Some(r) => {
            let reason = ReversalReason::parse(r.reason.as_deref().unwrap_or(""));
            let detail = Text::tr_args(
                "judge-pos-reversal-wrong",
                &[("stan", stan.into()), ("code", reason.code().into())],
            );
            base.judge_text(Outcome::Fail, Signal::Reversal(reason.clone()), detail)
        }
        None => base.judge_text(
            Outcome::Fail,
            Signal::NoReversal,
            part("judge-pos-no-reversal", "stan", stan),
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
        a.judge_text(
            Outcome::Fail,
            signal,
            no_message("judge-pos-no-settlement", &why),
        );
        return vec![a];
    };
    let mut a = base.clone();
    a.step = "settlement".into();
    a.rc = s.rc_sent.clone().unwrap_or_default();
    match &s.settlement {
        Some(c) if c.balanced => a.judge_text(
            Outcome::Pass,
            Signal::Ok,
            both(|l| t!(l, "judge-pos-balanced", totals = totals_text(&c.host, l))),
        ),
        Some(c) => a.judge_text(
            Outcome::Fail,
            Signal::Unbalanced,
            both(|l| {
                t!(
                    l,
                    "judge-pos-unbalanced",
                    terminal = totals_text(&c.terminal, l),
                    host = totals_text(&c.host, l)
                )
            }),
        ),
        None => a.judge_text(
            Outcome::Fail,
            Signal::Unbalanced,
            Text::tr("judge-pos-totals-unreadable"),
        ),
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
        let detail = part("judge-pos-upload", "records", &u);
        if m == n {
            b.judge_text(Outcome::Pass, Signal::Ok, detail);
        } else {
            b.judge_text(Outcome::Fail, Signal::UploadMismatch, detail);
        }
        out.push(b);
    }
    out
}

/// "no sign-on: …" / "no settlement: …" with what the terminal showed, in each language.
fn no_message(id: &str, why: &Text) -> Text {
    both(|l| crate::i18n::tr_args(l, id, &[("why", why.get(l).into())]))
}

/// The host's ARQC check (`host::chip::ArqcCheck`, kept as its log words in the exchange) in
/// `lang`; words it does not know stay as they are.
fn arqc_text(check: &str, lang: Lang) -> String {
    use crate::host::chip::ArqcCheck;
    let code = [
        (ArqcCheck::Valid, "valid"),
        (ArqcCheck::Invalid, "invalid"),
        (ArqcCheck::NoKey, "no-key"),
        (ArqcCheck::NoCryptogram, "none"),
    ]
    .into_iter()
    .find(|(c, _)| c.as_str() == check)
    .map_or("other", |(_, code)| code);
    t!(lang, "judge-pos-arqc", check = code, text = check).into_owned()
}

/// Settlement totals as the host wrote them (`Totals::describe`: `debit n/amount, credit
/// n/amount`) in `lang`; another shape stays as it is.
fn totals_text(totals: &str, lang: Lang) -> String {
    let parts = totals
        .strip_prefix("debit ")
        .and_then(|r| r.split_once(", credit "));
    match parts {
        Some((debit, credit)) => {
            t!(lang, "judge-pos-totals", debit = debit, credit = credit).into_owned()
        }
        None => totals.to_string(),
    }
}
