//! The chip step after the ATR: the EMV flow (`crate::device::emv::EmvFlow`, driven through the
//! engine so a hang-up reconnects) turned into attempt rows — application selection, GPO,
//! records, chip-vs-stripe consistency, 5F24 expiry, blocked card or application.

use super::engine::{elapsed_ms, CardData, Engine, Stop};
use crate::deck::DeckCard;
use crate::device::emv::{EmvFlow, EmvOutcome, EmvResult, TerminalData};
use crate::device::DeviceError;
use crate::model::{Attempt, Interface, Outcome, Signal};
use std::time::Instant;

/// Runs the EMV flow on the powered card and returns its rows (not yet recorded). `Ok(None)`
/// means the device was lost and reconnected mid-flow: the caller repeats the chip step.
pub(crate) fn emv_rows(
    e: &mut Engine,
    i: usize,
    _card: &DeckCard,
    data: &mut CardData,
    atr_hex: &str,
) -> Result<Option<Vec<Attempt>>, Stop> {
    let started = Instant::now();
    let mut flow = EmvFlow::new(TerminalData::default(), EmvFlow::default_aids());
    let lost_before = e.lost_count();
    let mut device_error: Option<String> = None;
    while let Some(c) = flow.next_command() {
        match e.transmit(&c)? {
            Ok(resp) => flow.on_response(&resp),
            Err(DeviceError::Timeout { what, .. }) => flow.on_no_answer(&what),
            Err(err) => {
                device_error = Some(err.to_string());
                break;
            }
        }
        if e.lost_count() != lost_before {
            return Ok(None);
        }
    }
    let r = flow.result(data.track2.as_ref());
    let ms = elapsed_ms(started);
    Ok(Some(rows_of(e, i, data, &r, atr_hex, device_error, ms)))
}

/// An AID as `RID PIX` (`A000000333 010101`): public data, but an unbroken AID's digit run
/// could pass Luhn and be refused by the report writer as a card number.
pub(crate) fn aid_cell(aid: &str) -> String {
    if aid.len() > 10 {
        format!("{} {}", &aid[..10], &aid[10..])
    } else {
        aid.to_string()
    }
}

fn step_sw<'a>(r: &'a EmvResult, prefix: &str) -> &'a str {
    r.steps
        .iter()
        .rev()
        .find(|s| s.name.starts_with(prefix))
        .map(|s| s.sw.as_str())
        .unwrap_or("")
}

fn rows_of(
    e: &Engine,
    i: usize,
    data: &mut CardData,
    r: &EmvResult,
    atr_hex: &str,
    device_error: Option<String>,
    ms: u64,
) -> Vec<Attempt> {
    let mut rows = Vec::new();
    let pan = r.pan.clone().or_else(|| data.pan.clone());
    let mk = |step: &str| {
        let mut a = e.row(Some(i), Interface::Chip, step);
        a.atr = atr_hex.to_string();
        e.fill_card(&mut a, pan.as_ref());
        if let Some(aid) = &r.aid {
            a.aid = aid_cell(aid);
        }
        a
    };
    let trail = r.sw_trail();
    let timed_out = r.steps.last().is_some_and(|s| s.sw.is_empty());
    // Selection.
    let mut sel = mk("select");
    sel.latency_ms = Some(ms);
    let selected = r.aid.is_some();
    let fail =
        |a: &mut Attempt, signal: Signal, detail: String| a.judge(Outcome::Fail, signal, detail);
    if let Some(err) = device_error {
        sel.outcome = Outcome::Error;
        sel.signal = Signal::ChipError;
        sel.detail = format!("{err}; {trail}");
        rows.push(sel);
        return rows;
    }
    match (&r.outcome, selected) {
        (EmvOutcome::CardBlocked, _) => {
            sel.sw = "6A81".into();
            fail(
                &mut sel,
                Signal::Sw(0x6A81),
                format!("card blocked (6A81 on SELECT PSE); {trail}"),
            );
        }
        (EmvOutcome::AppBlocked, _) => {
            sel.sw = "6283".into();
            fail(
                &mut sel,
                Signal::Sw(0x6283),
                format!("application blocked (6283); {trail}"),
            );
        }
        (EmvOutcome::NoApplication, _) => {
            sel.sw = "6A82".into();
            fail(
                &mut sel,
                Signal::Sw(0x6A82),
                format!("no application of the terminal AID list on the card (6A82); {trail}"),
            );
        }
        (EmvOutcome::Mute, false) | (EmvOutcome::DeviceError, false) if timed_out => {
            fail(
                &mut sel,
                Signal::ApduTimeout,
                format!("the card stopped answering; {trail}"),
            );
        }
        (_, false) => {
            sel.sw = step_sw(r, "SELECT").to_string();
            let sig = match r.outcome {
                EmvOutcome::GpoRefused => Signal::Sw(0x6985),
                EmvOutcome::Mute => Signal::ApduTimeout,
                _ => Signal::ChipError,
            };
            fail(
                &mut sel,
                sig,
                format!("no application selected ({}); {trail}", r.outcome.as_str()),
            );
        }
        (_, true) => {
            sel.sw = step_sw(r, "SELECT A").to_string();
            sel.outcome = Outcome::Pass;
            sel.signal = Signal::Ok;
            let how = if r
                .steps
                .iter()
                .any(|s| s.name.starts_with("READ RECORD") && s.note.contains("directory"))
            {
                "via PSE"
            } else {
                "via the AID list"
            };
            sel.detail = format!(
                "application {} selected {how}",
                r.label.clone().unwrap_or_default()
            );
        }
    }
    let sel_ok = sel.outcome == Outcome::Pass;
    rows.push(sel);
    if !sel_ok {
        return rows;
    }
    // GPO and records.
    let mut rec = mk("records");
    rec.sw = step_sw(r, "READ RECORD").to_string();
    match r.outcome {
        EmvOutcome::Ok => {
            rec.outcome = Outcome::Pass;
            rec.signal = Signal::Ok;
            rec.detail = format!(
                "GPO AIP {} AFL {}; {} record(s) read",
                r.aip.clone().unwrap_or_default(),
                r.afl.clone().unwrap_or_default(),
                r.records.len()
            );
        }
        EmvOutcome::GpoRefused => {
            rec.sw = step_sw(r, "GET PROCESSING").to_string();
            fail(
                &mut rec,
                Signal::Sw(0x6985),
                format!("GPO refused; {trail}"),
            );
        }
        EmvOutcome::Mute | EmvOutcome::DeviceError => {
            fail(
                &mut rec,
                Signal::ApduTimeout,
                format!("the card stopped answering; {trail}"),
            );
        }
        _ => {
            fail(
                &mut rec,
                Signal::ChipError,
                format!("{}; {trail}", r.outcome.as_str()),
            );
        }
    }
    let rec_ok = rec.outcome == Outcome::Pass;
    rows.push(rec);
    if !rec_ok {
        return rows;
    }
    // What the chip holds for the host step.
    if data.pan.is_none() {
        data.pan = r.pan.clone();
    }
    data.chip_track2 = r.track2.clone();
    data.aid = r.aid.clone().unwrap_or_default();
    // Chip vs stripe.
    if let Some(m) = r.track2_matches_stripe {
        let mut c = mk("consistency");
        if m {
            c.outcome = Outcome::Pass;
            c.signal = Signal::Ok;
            c.detail = "chip track-2 equivalent (57) equals the stripe's track 2".into();
        } else {
            fail(
                &mut c,
                Signal::ChipStripeMismatch,
                "chip track-2 equivalent (57) differs from the stripe's track 2".into(),
            );
        }
        rows.push(c);
    }
    // Application expiry 5F24 (YYMMDD).
    if let Some(exp) = &r.expiry {
        let mut x = mk("expiry");
        let yymm: String = exp.chars().take(4).collect();
        if super::engine::is_expired(&yymm) {
            fail(
                &mut x,
                Signal::ChipExpired,
                format!("application expired (5F24 {exp})"),
            );
        } else {
            x.outcome = Outcome::Pass;
            x.signal = Signal::Ok;
            x.detail = format!(
                "5F24 {exp}; sc {}",
                r.service_code.clone().unwrap_or_default()
            );
        }
        rows.push(x);
    }
    rows
}
