//! The chip judge: the power-on result and what the EMV flow (`device::emv::EmvFlow`) found in;
//! attempt rows out — ATR, application selection (PSE or the AID list), GPO and records,
//! chip-vs-stripe consistency, 5F24 expiry; `6A81` card blocked, `6283` application blocked,
//! `6A82` no application, `6985` GPO refused, APDU timeouts (EMV Book 1 §11–12, Book 3 §10).

use super::identity::impossible_date;
use super::{both, Judging};
use crate::checklist::card::CardData;
use crate::deck::DeckCard;
use crate::device::emv::oda::{OdaFault, OdaOutcome};
pub(crate) use crate::device::emv::oda_text::oda_text;
#[cfg(test)]
use crate::device::emv::oda_text::oda_why;
use crate::device::emv::process::{self, PinVerify, TvrBit};
use crate::device::emv::{EmvOutcome, EmvResult};
#[cfg(test)]
use crate::i18n::Lang;
use crate::i18n::{tr_args, Arg, Text};
use crate::model::{Attempt, ChipPower, Outcome, Signal};

/// What one run of the EMV flow over a powered card gave.
#[derive(Clone, Debug)]
pub(crate) struct EmvRun {
    pub result: EmvResult,
    /// The ATR of the power-on, spaced hex (repeated on every chip row).
    pub atr: String,
    /// The device failed mid-flow (not a card timeout), and the flow stopped there.
    pub device_error: Option<String>,
    /// From the first command to the last answer.
    pub elapsed_ms: u64,
}

/// The `atr` row of a power-on: PASS with the ATR, FAIL `mute` (no ATR after cold and warm
/// reset), ERROR `chip_no_card` (nothing at the IC position; the reader's code kept).
pub(crate) fn judge_power(mut base: Attempt, power: &ChipPower) -> Attempt {
    match power {
        ChipPower::Atr { atr, t1 } => {
            base.atr = crate::hexfmt::hex_spaced(atr);
            let t = if *t1 { 1 } else { 0 };
            let args = [("bytes", Arg::from(atr.len())), ("protocol", Arg::from(t))];
            base.judge_text(
                Outcome::Pass,
                Signal::Ok,
                Text::tr_args("judge-chip-atr", &args),
            );
        }
        ChipPower::Mute => {
            base.judge_text(Outcome::Fail, Signal::Mute, Text::tr("judge-chip-mute"))
        }
        ChipPower::NoCard(code) => base.judge_text(
            Outcome::Error,
            Signal::ChipNoCard,
            Text::tr_args("judge-chip-no-card", &[("code", code.as_str().into())]),
        ),
    }
    base
}

/// The rows of one EMV flow: `select`, then (when an application was selected) `records`, then
/// (when the records were read) `consistency` and `expiry` where the card gave what they need.
/// When the records were read, notes the chip's PAN (if the swipe gave none), track-2
/// equivalent and AID in `data` for the host step.
pub(crate) fn judge_emv(
    base: Attempt,
    run: &EmvRun,
    card: &DeckCard,
    data: &mut CardData,
    j: &Judging,
) -> Vec<Attempt> {
    let r = &run.result;
    let pan = r.pan.clone().or_else(|| data.pan.clone());
    let mk = |step: &str| {
        let mut a = base.clone();
        a.step = step.into();
        a.atr = run.atr.clone();
        j.fill_card(&mut a, pan.as_ref());
        if let Some(aid) = &r.aid {
            a.aid = aid_cell(aid);
        }
        a
    };
    let mut sel = mk("select");
    sel.latency_ms = Some(run.elapsed_ms);
    if let Some(err) = &run.device_error {
        let detail = with_trail(&Text::same(err.as_str()), r);
        sel.judge_text(Outcome::Error, Signal::ChipError, detail);
        return vec![sel];
    }
    judge_selection(&mut sel, r);
    if sel.outcome != Outcome::Pass {
        return vec![sel];
    }
    let mut rec = mk("records");
    let genac = r.steps.iter().any(|s| s.name == GENERATE_AC) || mute_at_crypto(r).is_some();
    judge_records(&mut rec, r, genac);
    if let Some(why) = pan.as_ref().and_then(|p| j.wrong_card(card, p)) {
        if rec.outcome == Outcome::Pass {
            rec.judge_text(Outcome::Fail, Signal::CardMismatch, why);
        }
    }
    if rec.outcome != Outcome::Pass {
        return vec![sel, rec];
    }
    let mut rows = vec![sel, rec];
    if data.pan.is_none() {
        data.pan = r.pan.clone();
    }
    data.chip_track2 = r.track2.clone();
    data.aid = r.aid.clone().unwrap_or_default();
    data.card_seq = r.pan_seq;
    if r.oda != OdaOutcome::NotPerformed {
        let mut o = mk("ODA");
        judge_oda(&mut o, r);
        rows.push(o);
    }
    if let Some(v) = r.pin_verify {
        let mut p = mk("verify");
        judge_verify(&mut p, r, v);
        rows.push(p);
    }
    if genac {
        let mut c = mk("cryptogram");
        judge_cryptogram(&mut c, r);
        if c.outcome == Outcome::Pass {
            data.icc_data = Some(r.de55.clone());
        }
        rows.push(c);
    }
    if let Some(same) = r.track2_matches_stripe {
        let mut c = mk("consistency");
        judge_consistency(&mut c, same);
        rows.push(c);
    }
    if let Some(exp) = &r.expiry {
        let mut x = mk("expiry");
        judge_expiry(&mut x, exp, r.service_code.as_deref(), j);
        rows.push(x);
    }
    rows
}

/// The checklist's chip rows for one card read outside a run (`cardbench read --chip`): the
/// same judge as [`judge_emv`], for a card the deck does not know (every check expected to
/// pass), so `read` and `run` agree on what fails. `bins` is the BIN table with the user's
/// overrides (`--bins`).
pub fn read_rows(result: &EmvResult, atr: &str, bins: &crate::bins::BinTable) -> Vec<Attempt> {
    let run = EmvRun {
        result: result.clone(),
        atr: atr.to_string(),
        device_error: None,
        elapsed_ms: 0,
    };
    let card = DeckCard::unknown();
    let mut data = CardData::default();
    judge_emv(
        Attempt::default(),
        &run,
        &card,
        &mut data,
        &Judging::now(bins),
    )
}

/// An AID for the `aid` column: `RID PIX` (`codec::emv::aid_rid_pix`, the one rule).
pub(crate) fn aid_cell(aid: &str) -> String {
    crate::codec::emv::aid_rid_pix(aid)
}

/// `why; SELECT PSE=6A81;…`: a failure and the status words of the flow (codes verbatim,
/// instruction names in each language: `选择 PSE=6A81` on a Chinese screen).
fn with_trail(why: &Text, r: &EmvResult) -> Text {
    both(|l| {
        let trail = r.sw_trail_in(l);
        let args = [("why", why.get(l).into()), ("trail", trail.as_str().into())];
        tr_args(l, "judge-chip-with-trail", &args)
    })
}

/// The status word of the last step whose name starts with `prefix` (empty if none).
/// Whether the flow's TVR has a bit set (`false` without a TVR).
fn tvr_bit(r: &EmvResult, bit: TvrBit) -> bool {
    let tvr = r
        .tvr
        .as_deref()
        .and_then(|t| crate::hexfmt::parse_hex(t).ok());
    tvr.and_then(|t| t.get(bit.0).copied())
        .is_some_and(|b| b & bit.1 != 0)
}

/// Velocity checking's bits (TVR byte 4 `40`/`20`) with nothing else in bytes 2–3 (versions,
/// dates, usage control, cardholder verification) that an action code could have met.
fn over_offline_limits(r: &EmvResult) -> bool {
    let tvr = r
        .tvr
        .as_deref()
        .and_then(|t| crate::hexfmt::parse_hex(t).ok());
    tvr.is_some_and(|t| {
        t.len() == 5 && t[3] & 0x60 != 0 && t[1] == 0 && t[2] & !process::TVR_PIN_TRY_LIMIT.1 == 0
    })
}

fn step_sw<'a>(r: &'a EmvResult, prefix: &str) -> &'a str {
    r.steps
        .iter()
        .rev()
        .find(|s| s.name.starts_with(prefix))
        .map(|s| s.sw.as_str())
        .unwrap_or("")
}

/// Application selection: blocked card or application, no application, the card stopped
/// answering, or the application selected (via PSE or the terminal's AID list).
fn judge_selection(sel: &mut Attempt, r: &EmvResult) {
    let timed_out = r.steps.last().is_some_and(|s| s.sw.is_empty());
    let selected = r.aid.is_some();
    let fail = |a: &mut Attempt, signal, why: Text| {
        a.judge_text(Outcome::Fail, signal, with_trail(&why, r))
    };
    match (&r.outcome, selected) {
        (EmvOutcome::CardBlocked, _) => {
            sel.sw = "6A81".into();
            let why = Text::tr("judge-chip-card-blocked");
            fail(sel, Signal::Sw(0x6A81), why);
        }
        (EmvOutcome::AppBlocked, _) => {
            sel.sw = "6283".into();
            let why = Text::tr("judge-chip-app-blocked");
            fail(sel, Signal::Sw(0x6283), why);
        }
        (EmvOutcome::AidMismatch, _) => {
            let why = r.error.clone().unwrap_or_default();
            let why = Text::tr_args("judge-chip-aid-mismatch", &[("why", why.into())]);
            fail(sel, Signal::AidMismatch, why);
        }
        (EmvOutcome::NoApplication, _) => {
            sel.sw = "6A82".into();
            let why = Text::tr("judge-chip-no-application");
            fail(sel, Signal::Sw(0x6A82), why);
        }
        (EmvOutcome::Mute, false) | (EmvOutcome::DeviceError, false) if timed_out => {
            fail(sel, Signal::ApduTimeout, Text::tr("judge-chip-stopped"));
        }
        (_, false) => {
            sel.sw = step_sw(r, "SELECT").to_string();
            let sig = match r.outcome {
                EmvOutcome::GpoRefused => Signal::Sw(0x6985),
                EmvOutcome::Mute => Signal::ApduTimeout,
                _ => Signal::ChipError,
            };
            let outcome = [("outcome", Arg::from(r.outcome.as_str()))];
            fail(
                sel,
                sig,
                Text::tr_args("judge-chip-none-selected", &outcome),
            );
        }
        (_, true) => {
            sel.sw = step_sw(r, "SELECT A").to_string();
            let via_pse = r.steps.iter().any(|s| s.directory_record);
            let label = [("label", Arg::from(r.label.clone().unwrap_or_default()))];
            let detail = if via_pse {
                Text::tr_args("judge-chip-selected-pse", &label)
            } else {
                Text::tr_args("judge-chip-selected-aid-list", &label)
            };
            sel.judge_text(Outcome::Pass, Signal::Ok, detail);
        }
    }
}

/// Offline data authentication (EMV Book 2, Book 3 §10.3): PASS when SDA or DDA verified;
/// FAIL `oda_ca_key` when the terminal lacks the CA public key the card names (its key store,
/// not the card), `oda_failed` when the card's certificates or signature do not verify.
fn judge_oda(o: &mut Attempt, r: &EmvResult) {
    o.sw = step_sw(r, "INTERNAL AUTHENTICATE").to_string();
    o.tvr = r.tvr.clone().unwrap_or_default();
    o.tsi = r.tsi.clone().unwrap_or_default();
    let detail = oda_text(&r.oda);
    match &r.oda {
        OdaOutcome::Failed(_, OdaFault::NoCaKey { .. }) => {
            o.judge_text(Outcome::Fail, Signal::OdaCaKey, detail)
        }
        OdaOutcome::Failed(..) => o.judge_text(Outcome::Fail, Signal::OdaFailed, detail),
        _ => o.judge_text(Outcome::Pass, Signal::Ok, detail),
    }
}

/// VERIFY of a deck test card's offline PIN (EMV Book 3 §10.5.1, `device::emv::verify`): PASS
/// on `90 00`; FAIL `pin_try_limit` when the PIN is blocked (try counter 0, `69 83`: the
/// cardholder's PIN, not the terminal), `pin_wrong` on `63 Cx` (the deck's PIN is not the
/// card's), the status word otherwise. The PIN is never in the row.
fn judge_verify(p: &mut Attempt, r: &EmvResult, v: PinVerify) {
    p.sw = step_sw(r, "VERIFY").to_string();
    p.tvr = r.tvr.clone().unwrap_or_default();
    p.tsi = r.tsi.clone().unwrap_or_default();
    let cvm = [("cvm", Arg::from(r.cvm_results.as_deref().unwrap_or("-")))];
    match v {
        PinVerify::Ok => p.judge_text(
            Outcome::Pass,
            Signal::Ok,
            Text::tr_args("judge-chip-verify-ok", &cvm),
        ),
        PinVerify::Blocked => p.judge_text(
            Outcome::Fail,
            Signal::PinTryLimit,
            Text::tr_args("judge-chip-verify-blocked", &cvm),
        ),
        PinVerify::Wrong { tries_left } => {
            let args = [cvm[0].clone(), ("tries", Arg::from(u32::from(tries_left)))];
            let detail = Text::tr_args("judge-chip-verify-wrong", &args);
            p.judge_text(Outcome::Fail, Signal::PinWrong, detail)
        }
        PinVerify::Refused(sw) => {
            let args = [cvm[0].clone(), ("sw", Arg::from(format!("{sw:04X}")))];
            let detail = Text::tr_args("judge-chip-verify-refused", &args);
            p.judge_text(Outcome::Fail, Signal::Sw(sw), detail)
        }
    }
}

/// The step name of GENERATE AC (`device::emv::describe_capdu`).
const GENERATE_AC: &str = "GENERATE AC";

/// The step name of INTERNAL AUTHENTICATE.
const INTERNAL_AUTHENTICATE: &str = "INTERNAL AUTHENTICATE";

/// The command the card went mute at, when the flow ended on a GENERATE AC or INTERNAL
/// AUTHENTICATE that got no answer (the card answered everything before it).
fn mute_at_crypto(r: &EmvResult) -> Option<&'static str> {
    let last = r.steps.last().filter(|s| s.sw.is_empty())?;
    if r.outcome != EmvOutcome::Mute {
        return None;
    }
    [GENERATE_AC, INTERNAL_AUTHENTICATE]
        .into_iter()
        .find(|n| last.name == *n)
}

/// GENERATE AC 1 and the terminal's decisions before it: PASS with an ARQC (its DE55 goes to
/// the network step), FAIL when the card declined offline (AAC), refused the command or
/// stopped answering. The TVR column holds the TVR sent; TSI and CVM Results are in the detail.
fn judge_cryptogram(c: &mut Attempt, r: &EmvResult) {
    c.sw = step_sw(r, GENERATE_AC).to_string();
    c.tvr = r.tvr.clone().unwrap_or_default();
    c.tsi = r.tsi.clone().unwrap_or_default();
    let oda = oda_text(&r.oda);
    let facts = both(|l| {
        let args = [
            ("oda", oda.get(l).into()),
            ("tvr", r.tvr.as_deref().unwrap_or("-").into()),
            ("tsi", r.tsi.as_deref().unwrap_or("-").into()),
            ("cvm", r.cvm_results.as_deref().unwrap_or("-").into()),
        ];
        tr_args(l, "judge-chip-facts", &args)
    });
    let cid = r
        .cid
        .as_deref()
        .and_then(|c| u8::from_str_radix(c, 16).ok());
    let kind = cid.map(crate::codec::emv::CryptogramType::from_bits);
    match (&r.outcome, kind) {
        (EmvOutcome::Ok, Some(crate::codec::emv::CryptogramType::Arqc)) => {
            let atc = [("atc", Arg::from(r.atc.as_deref().unwrap_or("-")))];
            // Processing restrictions: the card's 9F08 is not the terminal's 9F09 (TVR byte 2
            // b8); the card still asks to go online, but one side runs the wrong version.
            let versions_differ = tvr_bit(r, process::TVR_VERSIONS_DIFFER);
            let id = if versions_differ {
                "judge-chip-arqc-versions-differ"
            } else if over_offline_limits(r) {
                // Over its consecutive offline limits the card must go online: it did.
                "judge-chip-arqc-velocity"
            } else {
                "judge-chip-arqc"
            };
            let detail = both(|l| {
                let mut args = atc.to_vec();
                args.push(("facts", facts.get(l).into()));
                tr_args(l, id, &args)
            });
            if versions_differ {
                c.judge_text(Outcome::Fail, Signal::TvrVersion, detail)
            } else {
                c.judge_text(Outcome::Pass, Signal::Ok, detail)
            }
        }
        (EmvOutcome::Ok, Some(k)) => {
            let kind = [("kind", Arg::from(k.code()))];
            let meaning = Text::tr_args("judge-cryptogram-meaning", &kind);
            let detail = both(|l| {
                let mut args = kind.to_vec();
                args.push(("meaning", meaning.get(l).into()));
                args.push(("facts", facts.get(l).into()));
                tr_args(l, "judge-chip-cryptogram-other", &args)
            });
            // An AAC is a decline made on the card, not a broken exchange; over the offline
            // limits alone it is the card's count, which going online would have reset.
            let aac = k == crate::codec::emv::CryptogramType::Aac;
            let signal = if aac && over_offline_limits(r) {
                Signal::VelocityExceeded
            } else if aac {
                Signal::OfflineDecline
            } else {
                Signal::ChipError
            };
            c.judge_text(Outcome::Fail, signal, detail)
        }
        (EmvOutcome::Mute | EmvOutcome::DeviceError, _) => {
            let (key, signal) = match mute_at_crypto(r) {
                Some(INTERNAL_AUTHENTICATE) => {
                    ("judge-chip-stopped-internal-auth", Signal::MuteAtCrypto)
                }
                Some(_) => ("judge-chip-stopped-genac", Signal::MuteAtCrypto),
                None => ("judge-chip-stopped-genac", Signal::ApduTimeout),
            };
            let detail = both(|l| tr_args(l, key, &[("facts", facts.get(l).into())]));
            c.judge_text(Outcome::Fail, signal, detail)
        }
        _ => {
            let sw = u16::from_str_radix(&c.sw, 16).ok();
            let signal = sw.map_or(Signal::ChipError, Signal::Sw);
            let detail = both(|l| {
                tr_args(
                    l,
                    "judge-chip-no-cryptogram",
                    &[("facts", facts.get(l).into())],
                )
            });
            c.judge_text(Outcome::Fail, signal, detail)
        }
    }
}

/// GET PROCESSING OPTIONS and the records of the AFL (read when GENERATE AC was reached).
fn judge_records(rec: &mut Attempt, r: &EmvResult, genac: bool) {
    rec.sw = step_sw(r, "READ RECORD").to_string();
    match r.outcome {
        // With GENERATE AC in the flow, the records step passed once the flow went past it.
        _ if genac || r.outcome == EmvOutcome::Ok => {
            let args = [
                ("aip", Arg::from(r.aip.clone().unwrap_or_default())),
                ("afl", Arg::from(r.afl.clone().unwrap_or_default())),
                ("records", Arg::from(r.records.len())),
            ];
            let detail = Text::tr_args("judge-chip-records", &args);
            rec.judge_text(Outcome::Pass, Signal::Ok, detail)
        }
        EmvOutcome::GpoRefused => {
            rec.sw = step_sw(r, "GET PROCESSING").to_string();
            let why = Text::tr("judge-chip-gpo-refused");
            rec.judge_text(Outcome::Fail, Signal::Sw(0x6985), with_trail(&why, r));
        }
        EmvOutcome::Mute | EmvOutcome::DeviceError => {
            let why = Text::tr("judge-chip-stopped");
            rec.judge_text(Outcome::Fail, Signal::ApduTimeout, with_trail(&why, r))
        }
        _ => {
            let why = Text::same(r.outcome.as_str());
            rec.judge_text(Outcome::Fail, Signal::ChipError, with_trail(&why, r))
        }
    }
}

/// The chip's track-2 equivalent (tag 57) against the stripe's track 2.
fn judge_consistency(c: &mut Attempt, same: bool) {
    if same {
        let detail = Text::tr("judge-chip-track2-same");
        c.judge_text(Outcome::Pass, Signal::Ok, detail);
    } else {
        let detail = Text::tr("judge-chip-track2-differs");
        c.judge_text(Outcome::Fail, Signal::ChipStripeMismatch, detail);
    }
}

/// Application expiry 5F24 (`YYMMDD`).
fn judge_expiry(x: &mut Attempt, exp: &str, service_code: Option<&str>, j: &Judging) {
    let yymm: String = exp.chars().take(4).collect();
    if j.expired(&yymm) {
        let detail = Text::tr_args("judge-chip-expired", &[("expiry", exp.into())]);
        x.judge_text(Outcome::Fail, Signal::ChipExpired, detail);
    } else if let Some(why) = impossible_date(exp) {
        let detail = both(|l| tr_args(l, "judge-chip-bad-date", &[("why", why.get(l).into())]));
        x.judge_text(Outcome::Fail, Signal::ChipExpired, detail);
    } else {
        let args = [
            ("expiry", Arg::from(exp)),
            ("code", Arg::from(service_code.unwrap_or_default())),
        ];
        let detail = Text::tr_args("judge-chip-expiry", &args);
        x.judge_text(Outcome::Pass, Signal::Ok, detail);
    }
}

#[cfg(test)]
#[path = "chip_tests.rs"]
mod tests;
