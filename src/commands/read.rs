//! `cardbench read`: wait for one card and print what was read, masked (stripe, or the EMV
//! flow with `--chip`).

use super::{out, Globals};
use crate::cli::ReadArgs;
use crate::device::open::OpenedDevice;
use crate::error::{Error, Result, Status};
use crate::i18n::{t, tr, Lang};
use crate::model::SwipeRead;
use std::time::Duration;

/// Stars the cardholder name of each track where the card-data policy hides it outside
/// `decode` (`sensitive::policy`: the same rule as a chip result's 5F20), keeping its length:
/// the reader read a name, and how long it was, is what a technician checks.
fn hide_names(swipe: &mut SwipeRead) {
    use crate::sensitive::{CardData, View};
    if !CardData::CardholderName.hidden_in(View::Message) {
        return;
    }
    for f in swipe.tracks.iter_mut().filter_map(|t| t.fields.as_mut()) {
        if let Some(n) = f.name.as_mut() {
            *n = "*".repeat(n.chars().count());
        }
    }
}

/// Human-readable lines for a swipe (masked), in `lang`.
pub fn swipe_lines(s: &SwipeRead, lang: Lang) -> Vec<String> {
    let mut v = vec![format!(
        "{}  {}",
        tr(lang, "devices-read-reader-status"),
        s.reader_status
    )];
    for t in &s.tracks {
        let track = t!(lang, "devices-read-track", track = t.track);
        let mut line = format!("{track}  {}", crate::text::pad(&t.status.name(lang), 22));
        if t.fields.is_none() {
            line.truncate(line.trim_end().len());
        }
        if let Some(f) = &t.fields {
            let luhn = if f.luhn_ok {
                "devices-read-luhn-ok"
            } else {
                "devices-read-luhn-bad"
            };
            line.push_str(&format!(" PAN {} ({})", f.pan, tr(lang, luhn)));
            if let Some(n) = &f.name {
                // The cardholder name, starred by `hide_names` (its length shows).
                line.push_str(&format!(
                    "  {}",
                    t!(lang, "devices-read-name", name = n.as_str())
                ));
            }
            if let Some(e) = &f.expiry {
                line.push_str(&format!(
                    "  {}",
                    t!(lang, "devices-read-expiry", expiry = e.as_str())
                ));
            }
            if let Some(sc) = &f.service_code {
                line.push_str(&format!(
                    "  {}",
                    t!(lang, "devices-read-service-code", code = sc.as_str())
                ));
            }
            line.push_str(&format!(
                "  {}",
                t!(
                    lang,
                    "devices-read-discretionary",
                    chars = f.discretionary_len
                )
            ));
        }
        v.push(line);
    }
    v
}

/// Runs `read`.
pub fn run(g: &Globals, args: &ReadArgs) -> Result<Status> {
    // A bad terminal file is refused (exit 2) before the device is opened.
    let config = if args.chip {
        Some(crate::device::emv::TerminalConfig::load_or_builtin(
            args.terminal.as_deref(),
        )?)
    } else {
        None
    };
    // A bad --bins file is refused (exit 2) as `run` refuses it; the chip judge uses it.
    let bins = crate::bins::BinTable::with_overrides(g.bins.as_deref())?;
    let mut dev = super::open(&args.dev)?;
    let info = dev.device.identify()?;
    // 1..=86400, checked by clap (cli::ReadArgs::wait).
    let wait = Duration::from_secs(args.wait);
    if let Some(config) = config {
        return read_chip(g, &bins, &config, args.json, &mut dev, &info, wait);
    }
    if !dev.device.capabilities().swipe {
        let profile = dev.device.profile();
        return Err(Error::Usage(
            t!(g.lang(), "errors-read-no-stripe", profile = profile).into_owned(),
        ));
    }
    if !args.json {
        out(waiting_line(g.lang(), "swipe", &dev, &info, wait));
    }
    let mut swipe = dev.device.read_swipe(wait)?;
    hide_names(&mut swipe);
    // Blank / no data is neutral (many cards carry no track 3); a read error on any track
    // or no readable track at all is a failed read.
    use crate::model::TrackStatus;
    let pass = swipe.tracks.iter().all(|t| {
        matches!(
            t.status,
            TrackStatus::Ok | TrackStatus::NoData | TrackStatus::Blank
        )
    }) && swipe.tracks.iter().any(|t| t.status.is_ok());
    // Operator feedback (LEDs) and, on a simulator, the next card for the next read.
    let _ = dev.device.card_done(pass);
    if args.json {
        let doc = serde_json::json!({
            "device": dev.address.to_string(),
            "info": info,
            "swipe": swipe,
            "pass": pass,
        });
        out(serde_json::to_string_pretty(&doc)?);
    } else {
        for l in swipe_lines(&swipe, g.lang()) {
            out(l);
        }
    }
    Ok(if pass { Status::Passed } else { Status::Failed })
}

/// "crt310:sim: CRT-310 V3.0 — swipe a card (waiting 30 s)": what `read` waits for
/// (`action`: `swipe` or `insert`), on which device.
fn waiting_line(
    lang: Lang,
    action: &str,
    dev: &OpenedDevice,
    info: &crate::model::DeviceInfo,
    wait: Duration,
) -> String {
    t!(
        lang,
        "devices-read-waiting",
        action = action,
        device = dev.address.to_string(),
        model = info.model.as_str(),
        firmware = info.firmware.as_str(),
        seconds = wait.as_secs()
    )
    .into_owned()
}

fn read_chip(
    g: &Globals,
    bins: &crate::bins::BinTable,
    config: &crate::device::emv::TerminalConfig,
    json: bool,
    dev: &mut OpenedDevice,
    info: &crate::model::DeviceInfo,
    wait: Duration,
) -> Result<Status> {
    if !dev.device.capabilities().chip {
        let profile = dev.device.profile();
        return Err(Error::Usage(
            t!(g.lang(), "errors-read-no-chip", profile = profile).into_owned(),
        ));
    }
    if !json {
        out(waiting_line(g.lang(), "insert", dev, info, wait));
    }
    // The stripe of the same card, when the reader has a head: only for the chip-vs-stripe
    // track-2 comparison (never printed).
    let stripe = if dev.device.capabilities().swipe {
        match dev.device.read_swipe(wait) {
            Ok(s) => s.track2,
            Err(e) if e.is_lost() => return Err(e.into()),
            Err(_) => None,
        }
    } else {
        None
    };
    let flow = config.flow(crate::device::emv::TerminalData::now());
    let r = crate::device::emv::run_emv_flow(dev.device.as_mut(), flow, stripe.as_ref());
    if r.outcome != crate::device::emv::EmvOutcome::Ok {
        reader_still_answers(dev)?;
    }
    // The checklist's own chip judge decides (exit 1 on any failed row), so `read` and `run`
    // fail the same cards: ODA, expiry, versions, an offline decline, chip ≠ stripe.
    let rows = crate::checklist::read_rows(&r, r.atr.as_deref().unwrap_or(""), bins);
    let failed: Vec<&crate::model::Attempt> = rows
        .iter()
        .filter(|a| a.outcome != crate::model::Outcome::Pass)
        .collect();
    let pass = r.outcome == crate::device::emv::EmvOutcome::Ok && failed.is_empty();
    let _ = dev.device.card_done(pass);
    if json {
        let doc = serde_json::json!({
            "device": dev.address.to_string(),
            "info": info,
            "chip": r,
            "pass": pass,
        });
        out(serde_json::to_string_pretty(&doc)?);
    } else {
        for l in chip_lines(&r, g.lang()) {
            out(l);
        }
        for a in failed {
            let lang = g.lang();
            out(format!(
                "{} {} {}: {}",
                a.outcome.name(lang),
                crate::model::step_name(&a.step, lang),
                a.signal,
                a.detail_in(lang)
            ));
        }
    }
    Ok(if pass { Status::Passed } else { Status::Failed })
}

/// A chip read that went wrong may be the reader's doing: one that no longer answers an
/// identify (silent, or gone) is named and the read could not run (exit 2); the card is not
/// judged by a reader that stopped answering.
fn reader_still_answers(dev: &mut OpenedDevice) -> Result<()> {
    use crate::device::{DeviceError, Silent};
    match dev.device.identify() {
        Err(
            e @ (DeviceError::Timeout {
                silent: Silent::Reader,
                ..
            }
            | DeviceError::Lost(_)),
        ) => Err(Error::CouldNotRun(crate::i18n::Text::each(|lang| {
            t!(
                lang,
                "devices-read-reader-stopped",
                device = dev.address.to_string(),
                error = e.text(lang)
            )
            .into_owned()
        }))),
        _ => Ok(()),
    }
}

/// Human-readable lines for an EMV result (masked), in `lang`: the whole flow's outcome (card
/// data, ODA, TVR and TSI bit by bit, CVM Results, the cryptogram) and each step.
pub fn chip_lines(r: &crate::device::emv::EmvResult, lang: Lang) -> Vec<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    let label = |id: &str| crate::text::pad(&tr(lang, id), 15);
    let matches = match r.track2_matches_stripe {
        Some(true) => "devices-chip-match-yes",
        Some(false) => "devices-chip-match-no",
        None => "devices-chip-match-none",
    };
    let pan = r.pan.as_ref().map(|p| p.masked());
    let t = if r.t1 { " (T=1)" } else { " (T=0)" };
    let mut v = vec![
        format!(
            "{}{}",
            label("devices-chip-outcome"),
            t!(lang, "devices-chip-outcome-code", code = r.outcome.as_str())
        ),
        format!("{}{}{t}", crate::text::pad("ATR", 15), opt(&r.atr)),
        // The application label is card data, shown as the card carries it.
        format!(
            "{}{}",
            label("devices-chip-application"),
            t!(
                lang,
                "devices-chip-application-value",
                aid = opt(&r.aid),
                label = opt(&r.label)
            )
        ),
        format!(
            "{}{}",
            crate::text::pad("PAN", 15),
            pan.unwrap_or_else(|| "-".into())
        ),
        format!("{}{}", label("devices-chip-expiry"), opt(&r.expiry)),
        format!(
            "{}{}",
            label("devices-chip-service-code"),
            opt(&r.service_code)
        ),
        format!("{}{}", label("devices-chip-match"), tr(lang, matches)),
    ];
    if let Some(e) = &r.error {
        v.push(format!("{}{e}", label("devices-chip-error")));
    }
    let oda = crate::checklist::oda_text(&r.oda);
    v.push(format!("{}{}", crate::text::pad("ODA", 15), oda.get(lang)));
    v.extend(decision_lines(r, lang));
    // Each command: its name, SW, the flow's note and the time.
    for s in &r.steps {
        let sw = if s.sw.is_empty() { "-" } else { &s.sw };
        let name = match lang {
            Lang::En => &s.name,
            _ => &s.name_zh,
        };
        v.push(format!(
            "  {} SW {sw:<4} {} ({} ms)",
            crate::text::pad(name, 32),
            s.note.get(lang),
            s.duration_ms
        ));
    }
    v
}

/// TVR, TSI (with the bits set, in `lang`), CVM Results and the cryptogram of GENERATE AC 1.
fn decision_lines(r: &crate::device::emv::EmvResult, lang: Lang) -> Vec<String> {
    use crate::codec::emv::{decode_cvm_results, decode_tsi, decode_tvr, Bit};
    let mut v = Vec::new();
    let bits = |name: &str, value: &Option<String>, decode: fn(&[u8]) -> Vec<Bit>| {
        let Some(hex) = value else {
            return Vec::new();
        };
        let raw = crate::hexfmt::parse_hex(hex).unwrap_or_default();
        let mut lines = vec![format!("{name:<15}{hex}")];
        for b in decode(&raw).into_iter().filter(|b| b.set) {
            let meaning = b.meaning_in(lang);
            let at = t!(
                lang,
                "devices-chip-bit",
                byte = b.byte,
                mask = format!("{:02X}", b.mask)
            );
            lines.push(format!("  {at}  {meaning}"));
        }
        lines
    };
    v.extend(bits("TVR", &r.tvr, decode_tvr));
    v.extend(bits("TSI", &r.tsi, decode_tsi));
    if let Some(c) = &r.cvm_results {
        let raw = crate::hexfmt::parse_hex(c).unwrap_or_default();
        let what = decode_cvm_results(&raw)
            .map(|x| {
                let method = tr(lang, crate::codec::emv::cvm_method_id(x.rule.code));
                format!("{method}, {}", tr(lang, x.result_id()))
            })
            .unwrap_or_default();
        let name = crate::text::pad(&tr(lang, "devices-chip-cvm-results"), 15);
        v.push(format!("{name}{c} ({what})"));
    }
    if let Some(cid) = &r.cid {
        let kind = u8::from_str_radix(cid, 16)
            .map(crate::codec::emv::CryptogramType::from_bits)
            .map(|k| k.code())
            .unwrap_or("?");
        let atc = r.atc.clone().unwrap_or_default();
        let name = crate::text::pad(&tr(lang, "devices-chip-cryptogram"), 15);
        v.push(format!("{name}{kind} (CID {cid}), ATC {atc}"));
    }
    v
}
