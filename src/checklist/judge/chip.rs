//! The chip judge: the power-on result and what the EMV flow (`device::emv::EmvFlow`) found in;
//! attempt rows out — ATR, application selection (PSE or the AID list), GPO and records,
//! chip-vs-stripe consistency, 5F24 expiry; `6A81` card blocked, `6283` application blocked,
//! `6A82` no application, `6985` GPO refused, APDU timeouts (EMV Book 1 §11–12, Book 3 §10).

use super::Judging;
use crate::checklist::card::CardData;
use crate::device::emv::{EmvOutcome, EmvResult};
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
            base.judge(
                Outcome::Pass,
                Signal::Ok,
                format!("ATR {} bytes, T={t}", atr.len()),
            );
        }
        ChipPower::Mute => base.judge(
            Outcome::Fail,
            Signal::Mute,
            "no ATR after cold and warm reset",
        ),
        ChipPower::NoCard(code) => base.judge(
            Outcome::Error,
            Signal::ChipNoCard,
            format!("no card at the IC position ({code})"),
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
        sel.judge(
            Outcome::Error,
            Signal::ChipError,
            format!("{err}; {}", r.sw_trail()),
        );
        return vec![sel];
    }
    judge_selection(&mut sel, r);
    if sel.outcome != Outcome::Pass {
        return vec![sel];
    }
    let mut rec = mk("records");
    let genac = r.steps.iter().any(|s| s.name == GENERATE_AC);
    judge_records(&mut rec, r, genac);
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

/// An AID as `RID PIX` (`A000000333 010101`): public data, but an unbroken AID's digit run
/// could pass Luhn and be refused by the report writer as a card number.
pub(crate) fn aid_cell(aid: &str) -> String {
    if aid.len() > 10 {
        format!("{} {}", &aid[..10], &aid[10..])
    } else {
        aid.to_string()
    }
}

/// The status word of the last step whose name starts with `prefix` (empty if none).
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
    let trail = r.sw_trail();
    let timed_out = r.steps.last().is_some_and(|s| s.sw.is_empty());
    let selected = r.aid.is_some();
    let fail = |a: &mut Attempt, signal, detail| a.judge(Outcome::Fail, signal, detail);
    match (&r.outcome, selected) {
        (EmvOutcome::CardBlocked, _) => {
            sel.sw = "6A81".into();
            let detail = format!("card blocked (6A81 on SELECT PSE); {trail}");
            fail(sel, Signal::Sw(0x6A81), detail);
        }
        (EmvOutcome::AppBlocked, _) => {
            sel.sw = "6283".into();
            let detail = format!("application blocked (6283); {trail}");
            fail(sel, Signal::Sw(0x6283), detail);
        }
        (EmvOutcome::NoApplication, _) => {
            sel.sw = "6A82".into();
            let detail =
                format!("no application of the terminal AID list on the card (6A82); {trail}");
            fail(sel, Signal::Sw(0x6A82), detail);
        }
        (EmvOutcome::Mute, false) | (EmvOutcome::DeviceError, false) if timed_out => {
            let detail = format!("the card stopped answering; {trail}");
            fail(sel, Signal::ApduTimeout, detail);
        }
        (_, false) => {
            sel.sw = step_sw(r, "SELECT").to_string();
            let sig = match r.outcome {
                EmvOutcome::GpoRefused => Signal::Sw(0x6985),
                EmvOutcome::Mute => Signal::ApduTimeout,
                _ => Signal::ChipError,
            };
            let detail = format!("no application selected ({}); {trail}", r.outcome.as_str());
            fail(sel, sig, detail);
        }
        (_, true) => {
            sel.sw = step_sw(r, "SELECT A").to_string();
            let via_pse = r
                .steps
                .iter()
                .any(|s| s.name.starts_with("READ RECORD") && s.note.contains("directory"));
            let how = if via_pse {
                "via PSE"
            } else {
                "via the AID list"
            };
            let label = r.label.clone().unwrap_or_default();
            sel.judge(
                Outcome::Pass,
                Signal::Ok,
                format!("application {label} selected {how}"),
            );
        }
    }
}

/// The step name of GENERATE AC (`device::emv::describe_capdu`).
const GENERATE_AC: &str = "GENERATE AC";

/// GENERATE AC 1 and the terminal's decisions before it: PASS with an ARQC (its DE55 goes to
/// the network step), FAIL when the card declined offline (AAC), refused the command or
/// stopped answering. The TVR column holds the TVR sent; TSI and CVM Results are in the detail.
fn judge_cryptogram(c: &mut Attempt, r: &EmvResult) {
    c.sw = step_sw(r, GENERATE_AC).to_string();
    c.tvr = r.tvr.clone().unwrap_or_default();
    let facts = format!(
        "ODA {}; TVR {} TSI {} CVM {}",
        r.oda,
        r.tvr.as_deref().unwrap_or("-"),
        r.tsi.as_deref().unwrap_or("-"),
        r.cvm_results.as_deref().unwrap_or("-")
    );
    let cid = r
        .cid
        .as_deref()
        .and_then(|c| u8::from_str_radix(c, 16).ok());
    let kind = cid.map(crate::codec::emv::CryptogramType::from_bits);
    match (&r.outcome, kind) {
        (EmvOutcome::Ok, Some(crate::codec::emv::CryptogramType::Arqc)) => c.judge(
            Outcome::Pass,
            Signal::Ok,
            format!("ARQC, ATC {}; {facts}", r.atc.as_deref().unwrap_or("-")),
        ),
        (EmvOutcome::Ok, Some(k)) => c.judge(
            Outcome::Fail,
            Signal::ChipError,
            format!("the card answered {} ({}); {facts}", k.code(), k.meaning()),
        ),
        (EmvOutcome::Mute | EmvOutcome::DeviceError, _) => c.judge(
            Outcome::Fail,
            Signal::ApduTimeout,
            format!("the card stopped answering at GENERATE AC; {facts}"),
        ),
        _ => {
            let sw = u16::from_str_radix(&c.sw, 16).ok();
            let signal = sw.map_or(Signal::ChipError, Signal::Sw);
            c.judge(
                Outcome::Fail,
                signal,
                format!("GENERATE AC gave no cryptogram; {facts}"),
            )
        }
    }
}

/// GET PROCESSING OPTIONS and the records of the AFL (read when GENERATE AC was reached).
fn judge_records(rec: &mut Attempt, r: &EmvResult, genac: bool) {
    let trail = r.sw_trail();
    rec.sw = step_sw(r, "READ RECORD").to_string();
    match r.outcome {
        // With GENERATE AC in the flow, the records step passed once the flow went past it.
        _ if genac || r.outcome == EmvOutcome::Ok => rec.judge(
            Outcome::Pass,
            Signal::Ok,
            format!(
                "GPO AIP {} AFL {}; {} record(s) read",
                r.aip.clone().unwrap_or_default(),
                r.afl.clone().unwrap_or_default(),
                r.records.len()
            ),
        ),
        EmvOutcome::GpoRefused => {
            rec.sw = step_sw(r, "GET PROCESSING").to_string();
            rec.judge(
                Outcome::Fail,
                Signal::Sw(0x6985),
                format!("GPO refused; {trail}"),
            );
        }
        EmvOutcome::Mute | EmvOutcome::DeviceError => rec.judge(
            Outcome::Fail,
            Signal::ApduTimeout,
            format!("the card stopped answering; {trail}"),
        ),
        _ => rec.judge(
            Outcome::Fail,
            Signal::ChipError,
            format!("{}; {trail}", r.outcome.as_str()),
        ),
    }
}

/// The chip's track-2 equivalent (tag 57) against the stripe's track 2.
fn judge_consistency(c: &mut Attempt, same: bool) {
    if same {
        c.judge(
            Outcome::Pass,
            Signal::Ok,
            "chip track-2 equivalent (57) equals the stripe's track 2",
        );
    } else {
        c.judge(
            Outcome::Fail,
            Signal::ChipStripeMismatch,
            "chip track-2 equivalent (57) differs from the stripe's track 2",
        );
    }
}

/// Application expiry 5F24 (`YYMMDD`).
fn judge_expiry(x: &mut Attempt, exp: &str, service_code: Option<&str>, j: &Judging) {
    let yymm: String = exp.chars().take(4).collect();
    if j.expired(&yymm) {
        x.judge(
            Outcome::Fail,
            Signal::ChipExpired,
            format!("application expired (5F24 {exp})"),
        );
    } else {
        let sc = service_code.unwrap_or_default();
        x.judge(Outcome::Pass, Signal::Ok, format!("5F24 {exp}; sc {sc}"));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::super::tests::{base, judging};
    use super::*;
    use crate::device::emv::EmvStep;
    use crate::model::Interface;
    use crate::sensitive::{Pan, Track2};

    const AID: &str = "A000000333010101";

    fn step(name: &str, sw: &str, note: &str) -> EmvStep {
        EmvStep {
            name: name.into(),
            sw: sw.into(),
            note: note.into(),
            exchanges: 1,
            duration_ms: 1,
        }
    }

    /// A flow that selected the UnionPay debit application via PSE and read two records.
    fn good() -> EmvResult {
        EmvResult {
            outcome: EmvOutcome::Ok,
            atr: None,
            t1: false,
            aid: Some(AID.into()),
            label: Some("UnionPay Debit".into()),
            pan: Some(Pan::new("6212260000000000026")),
            expiry: Some("281231".into()),
            service_code: Some("220".into()),
            aip: Some("7C00".into()),
            afl: Some("08010201".into()),
            track2_matches_stripe: Some(true),
            steps: vec![
                step("SELECT PSE", "9000", "ok"),
                step("READ RECORD 1 SFI 1", "9000", "directory"),
                step(&format!("SELECT {AID}"), "9000", "ok"),
                step("GET PROCESSING OPTIONS", "9000", "ok"),
                step("READ RECORD 1 SFI 1", "9000", "ok"),
            ],
            records: Vec::new(),
            error: None,
            raw_records: Vec::new(),
            track2: Some(Track2::new("6212260000000000026=28122200000")),
            ..EmvResult::empty()
        }
    }

    /// A flow that stopped at `outcome` before any application was selected.
    fn unselected(outcome: EmvOutcome, steps: Vec<EmvStep>) -> EmvResult {
        EmvResult {
            outcome,
            aid: None,
            label: None,
            pan: None,
            track2: None,
            expiry: None,
            track2_matches_stripe: None,
            steps,
            ..good()
        }
    }

    fn run(result: EmvResult) -> EmvRun {
        EmvRun {
            result,
            atr: "3B 67 00".into(),
            device_error: None,
            elapsed_ms: 42,
        }
    }

    fn judge(r: &EmvRun) -> (Vec<Attempt>, CardData) {
        let mut data = CardData::default();
        let rows = judge_emv(base(Interface::Chip, ""), r, &mut data, &judging());
        (rows, data)
    }

    fn steps_of(rows: &[Attempt]) -> Vec<&str> {
        rows.iter().map(|a| a.step.as_str()).collect()
    }

    #[test]
    fn power_on_rows() {
        let atr = ChipPower::Atr {
            atr: vec![0x3B, 0x67, 0x00],
            t1: false,
        };
        let a = judge_power(base(Interface::Chip, "atr"), &atr);
        assert_eq!((a.outcome, &a.signal), (Outcome::Pass, &Signal::Ok));
        assert_eq!(
            (a.atr.as_str(), a.detail.as_str()),
            ("3B 67 00", "ATR 3 bytes, T=0")
        );
        let a = judge_power(base(Interface::Chip, "atr"), &ChipPower::Mute);
        assert_eq!((a.outcome, &a.signal), (Outcome::Fail, &Signal::Mute));
        let a = judge_power(
            base(Interface::Chip, "atr"),
            &ChipPower::NoCard("N0".into()),
        );
        assert_eq!(
            (a.outcome, &a.signal),
            (Outcome::Error, &Signal::ChipNoCard)
        );
        assert_eq!(a.detail, "no card at the IC position (N0)");
    }

    #[test]
    fn good_flow_gives_four_rows_and_notes_the_chip() {
        let (rows, data) = judge(&run(good()));
        assert_eq!(
            steps_of(&rows),
            ["select", "records", "consistency", "expiry"]
        );
        assert!(rows.iter().all(|a| a.outcome == Outcome::Pass));
        let sel = &rows[0];
        assert_eq!(sel.detail, "application UnionPay Debit selected via PSE");
        assert_eq!(
            (sel.sw.as_str(), sel.aid.as_str()),
            ("9000", "A000000333 010101")
        );
        assert_eq!((sel.atr.as_str(), sel.latency_ms), ("3B 67 00", Some(42)));
        assert_eq!(
            (sel.masked_pan.as_str(), sel.bank.as_str()),
            ("621226*********0026", "ICBC")
        );
        assert_eq!(
            rows[1].detail,
            "GPO AIP 7C00 AFL 08010201; 0 record(s) read"
        );
        assert_eq!(rows[1].latency_ms, None);
        assert_eq!(rows[3].detail, "5F24 281231; sc 220");
        assert_eq!(data.pan.unwrap().expose_clear(), "6212260000000000026");
        assert!(data.chip_track2.is_some());
        assert_eq!(data.aid, AID);
    }

    #[test]
    fn blocked_card_application_and_no_application() {
        for (outcome, sw, signal) in [
            (EmvOutcome::CardBlocked, "6A81", Signal::Sw(0x6A81)),
            (EmvOutcome::AppBlocked, "6283", Signal::Sw(0x6283)),
            (EmvOutcome::NoApplication, "6A82", Signal::Sw(0x6A82)),
        ] {
            let r = unselected(outcome, vec![step("SELECT PSE", sw, "")]);
            let (rows, data) = judge(&run(r));
            assert_eq!(steps_of(&rows), ["select"]);
            assert_eq!((rows[0].outcome, &rows[0].signal), (Outcome::Fail, &signal));
            assert_eq!(rows[0].sw, sw);
            assert!(
                rows[0].detail.ends_with(&format!("SELECT PSE={sw}")),
                "{}",
                rows[0].detail
            );
            assert!(data.pan.is_none() && data.aid.is_empty());
        }
    }

    #[test]
    fn card_that_stops_answering_is_an_apdu_timeout() {
        let r = unselected(EmvOutcome::Mute, vec![step("SELECT PSE", "", "")]);
        let (rows, _) = judge(&run(r));
        assert_eq!(rows[0].signal, Signal::ApduTimeout);
        assert_eq!(rows[0].detail, "the card stopped answering; SELECT PSE=-");
    }

    #[test]
    fn gpo_refused_fails_the_records_row() {
        let mut r = good();
        r.outcome = EmvOutcome::GpoRefused;
        r.steps.truncate(3);
        r.steps.push(step("GET PROCESSING OPTIONS", "6985", ""));
        let (rows, data) = judge(&run(r));
        assert_eq!(steps_of(&rows), ["select", "records"]);
        assert_eq!(rows[0].outcome, Outcome::Pass);
        assert_eq!(
            (rows[1].outcome, &rows[1].signal),
            (Outcome::Fail, &Signal::Sw(0x6985))
        );
        assert_eq!(rows[1].sw, "6985");
        assert!(
            data.chip_track2.is_none(),
            "nothing noted before the records are read"
        );
    }

    #[test]
    fn device_error_mid_flow_is_one_error_row() {
        let mut r = run(good());
        r.device_error = Some("protocol error: bad BCC".into());
        let (rows, _) = judge(&r);
        assert_eq!(steps_of(&rows), ["select"]);
        assert_eq!(
            (rows[0].outcome, &rows[0].signal),
            (Outcome::Error, &Signal::ChipError)
        );
        assert!(rows[0]
            .detail
            .starts_with("protocol error: bad BCC; SELECT PSE=9000"));
    }

    #[test]
    fn chip_vs_stripe_and_expired_application() {
        let mut r = good();
        r.track2_matches_stripe = Some(false);
        r.expiry = Some("231231".into());
        let (rows, _) = judge(&run(r));
        assert_eq!(rows[2].signal, Signal::ChipStripeMismatch);
        assert_eq!(
            (rows[3].outcome, &rows[3].signal),
            (Outcome::Fail, &Signal::ChipExpired)
        );
        assert_eq!(rows[3].detail, "application expired (5F24 231231)");
    }

    #[test]
    fn swipe_pan_is_kept_when_the_chip_gives_none() {
        let mut r = good();
        r.pan = None;
        let mut data = CardData {
            pan: Some(Pan::new("6217000000000000038")),
            ..CardData::default()
        };
        let rows = judge_emv(base(Interface::Chip, ""), &run(r), &mut data, &judging());
        assert_eq!(rows[0].bank, "CCB");
        assert_eq!(data.pan.unwrap().expose_clear(), "6217000000000000038");
    }

    #[test]
    fn aid_cells_are_split() {
        assert_eq!(aid_cell("A000000333010101"), "A000000333 010101");
        assert_eq!(aid_cell("A000000333"), "A000000333");
    }
}
