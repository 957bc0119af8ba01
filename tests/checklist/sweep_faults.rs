//! The faults the generator injects, one function per kind, by layer: card defects and
//! account codes, terminal hardware, software and link knobs, one bank's host, and the network.
//! Each returns the fault with the family and culprit the diagnosis must name, or `None` when
//! it cannot be placed in this case (no chip card, a pair that would hide it).

use super::sweep_gen::{fault, Build, Fault, Layer, Profile};
use cardbench::model::Family;
use cardbench::sim::scenario::{ContactFault, Defect, DirtyContacts, HeadError, WornHead};

/// The knob prefix of a chip-card defect (a pair keeps it away from chip terminal faults).
const CHIP_DEFECT: &str = "chip defect ";

/// A card defect on a random card (not the reference card).
pub fn card_defect(b: &mut Build) -> Option<Fault> {
    // A chip defect hides under dirty contacts or a missing AID: keep them apart.
    let chip_ok = b.profile == Profile::Crt310
        && !b.other_is("dirty_contacts")
        && !b.other_is("firmware_aids");
    let mut kinds: Vec<&str> = vec!["blank", "expired", "demagnetised"];
    if chip_ok {
        kinds.extend([
            "mute",
            "card_blocked",
            "gpo_refused",
            "track2_mismatch",
            "app_blocked",
        ]);
    }
    let kind = kinds[b.rng.below(kinds.len() as u64) as usize];
    let needs_chip = !matches!(kind, "blank" | "expired" | "demagnetised");
    let head = b.head_track();
    let i = b.pick(|_, p| !needs_chip || p.chip)?;
    let defect = match kind {
        "blank" => Defect::Blank,
        "expired" => Defect::Expired,
        "demagnetised" => {
            let tracks: Vec<u8> = b.deck[i]
                .tracks
                .iter()
                .copied()
                .filter(|t| Some(*t) != head)
                .collect();
            Defect::Demagnetised(tracks[b.rng.below(tracks.len() as u64) as usize])
        }
        "mute" => Defect::Mute,
        "card_blocked" => Defect::CardBlocked,
        "gpo_refused" => Defect::GpoRefused,
        "track2_mismatch" => Defect::Track2Mismatch,
        _ => Defect::AppBlocked,
    };
    b.sc.cards[i].defects.push(defect);
    let chip = if needs_chip { CHIP_DEFECT } else { "" };
    let family = if defect == Defect::AppBlocked {
        Family::Acct
    } else {
        Family::Card
    };
    let label = &b.deck[i].label;
    Some(fault(
        format!("{chip}{defect} on {label}"),
        Layer::Card,
        family,
        format!("({label})"),
    ))
}

/// An account-class response code for one card (a host rule on its last four digits).
pub fn account_code(b: &mut Build) -> Option<Fault> {
    const CODES: [&str; 8] = ["51", "55", "61", "62", "57", "41", "43", "75"];
    let code = CODES[b.rng.below(CODES.len() as u64) as usize];
    let banks_taken = b.banks_taken.clone();
    let i = b.pick(|_, p| !banks_taken.contains(&p.bank))?;
    let pan = &b.sc.cards[i].pan;
    let last4 = &pan[pan.len() - 4..];
    b.rules.push(format!(
        "[[rule]]\nname = \"account\"\ncard = \"{last4}\"\nrc = \"{code}\"\n"
    ));
    let label = &b.deck[i].label;
    Some(fault(
        format!("rc {code} on {label}"),
        Layer::Card,
        Family::Acct,
        format!("({label})"),
    ))
}

/// A worn head or a dead track: on a track most cards carry, or on track 3 when two or more
/// cards carry it (the denominator counts only those).
pub fn head(b: &mut Build) -> Option<Fault> {
    let carriers = |t: u8| b.deck.iter().filter(|p| p.tracks.contains(&t)).count();
    let mut tracks = vec![1u8, 2];
    if carriers(3) >= 2 {
        tracks.push(3);
    }
    // A card fault on a track hides under a head fault on the same track: keep them apart.
    if let Some(o) = b.other {
        tracks.retain(|t| !o.knob.contains(&format!("demagnetised:{t}")));
    }
    let t = tracks[b.rng.below(tracks.len() as u64) as usize];
    let knob = if b.rng.chance(0.5) {
        b.sc.device.faults.dead_track = Some(t);
        format!("dead_track track={t}")
    } else {
        let p = b.range(0.6, 0.95);
        let error = [HeadError::Parity, HeadError::Lrc, HeadError::Mixed][b.rng.below(3) as usize];
        b.sc.device.faults.worn_head = Some(WornHead {
            track: t,
            probability: p,
            error,
        });
        format!("worn_head track={t} p={p} {error:?}")
    };
    Some(fault(
        knob,
        Layer::Terminal,
        Family::TermHw,
        format!("magnetic head (track {t})"),
    ))
}

/// Dirty IC contacts (chip reader): no ATR, or APDUs that time out.
pub fn contacts(b: &mut Build) -> Option<Fault> {
    let chip_cards = b.deck.iter().filter(|p| p.chip).count();
    if b.profile != Profile::Crt310 || chip_cards < 3 || b.other_is(CHIP_DEFECT) {
        return None;
    }
    let (mode, p) = if b.rng.chance(0.5) {
        (ContactFault::NoAtr, b.range(0.85, 1.0))
    } else {
        (ContactFault::T0Timeout, b.range(0.6, 1.0))
    };
    b.sc.device.faults.dirty_contacts = Some(DirtyContacts {
        mode,
        probability: p,
    });
    Some(fault(
        format!("dirty_contacts {mode:?} p={p}"),
        Layer::Terminal,
        Family::TermHw,
        "chip contacts",
    ))
}

/// Noise on the serial line.
pub fn line_noise(b: &mut Build) -> Option<Fault> {
    let p = match b.profile {
        Profile::Crt310 => b.range(0.002, 0.005),
        Profile::Msr605 => b.range(0.006, 0.015),
    };
    b.sc.device.faults.line_noise = p;
    Some(fault(
        format!("line_noise p={p}"),
        Layer::Terminal,
        Family::TermHw,
        "serial line",
    ))
}

/// The reader stops answering (freeze), or the cable drops and does not come back: set on
/// the last card by the runner, which knows how many commands a run of this deck takes.
pub fn reader_stops(b: &mut Build) -> Option<Fault> {
    let permanent = b.rng.chance(0.5);
    let mut f = fault(
        if permanent {
            "unplug for good".to_string()
        } else {
            "freeze".to_string()
        },
        Layer::Terminal,
        Family::TermHw,
        "reader (link)",
    );
    f.kills = true;
    Some(f)
}

/// The cable drops the line once and comes back (the runner picks the moment).
pub fn unplug_replug(b: &mut Build) -> Option<Fault> {
    b.sc.device.faults.replug_after_ms = 100 + b.rng.below(300);
    let mut f = fault(
        "unplug and replug".to_string(),
        Layer::Terminal,
        Family::TermHw,
        "reader connection",
    );
    f.replug = true;
    Some(f)
}

/// Firmware whose AID list lacks one scheme present on the chip cards (chip reader).
pub fn aid_list(b: &mut Build) -> Option<Fault> {
    if b.profile != Profile::Crt310 || b.other_is(CHIP_DEFECT) {
        return None;
    }
    let rids = [
        ("UnionPay", "A000000333"),
        ("Visa", "A000000003"),
        ("Mastercard", "A000000004"),
    ];
    let present: Vec<&(&str, &str)> = rids
        .iter()
        .filter(|(s, _)| b.deck.iter().any(|p| p.chip && p.scheme == *s))
        .collect();
    if present.len() < 2 {
        return None;
    }
    let (scheme, _) = present[b.rng.below(present.len() as u64) as usize];
    b.sc.device.firmware_aids = rids
        .iter()
        .filter(|(s, _)| s != scheme)
        .map(|(_, rid)| rid.to_string())
        .collect();
    Some(fault(
        format!("firmware_aids without {scheme}"),
        Layer::Terminal,
        Family::TermSw,
        format!("AID list (lacks {scheme}"),
    ))
}

/// A bank with cards no other fault took: its code and short name.
fn bank(b: &mut Build, min_cards: usize) -> Option<(&'static str, String)> {
    let mut counts = std::collections::BTreeMap::<&'static str, usize>::new();
    let usable = b.usable();
    for (i, p) in b.deck.iter().enumerate() {
        if !p.bank.is_empty() && i < usable {
            let taken = b.taken.contains(&i);
            let e = counts.entry(p.bank).or_default();
            *e += if taken { 1000 } else { 1 };
        }
    }
    let ok: Vec<&'static str> = counts
        .into_iter()
        .filter(|(k, n)| *n >= min_cards && *n < 1000 && !b.banks_taken.contains(k))
        .map(|(k, _)| k)
        .collect();
    if ok.is_empty() {
        return None;
    }
    let code = ok[b.rng.below(ok.len() as u64) as usize];
    b.banks_taken.push(code);
    let short = cardbench::bins::find_bank(code)
        .map(|x| x.short.to_string())
        .unwrap_or_else(|| code.to_string());
    Some((code, short))
}

/// One bank's host: down, slow, garbling, hanging up, in a maintenance window, or declining
/// every card by policy (two or more cards).
pub fn bank_host(b: &mut Build) -> Option<Fault> {
    let kinds = [
        "no_reply",
        "rc",
        "close",
        "malformed",
        "slow",
        "window",
        "policy",
    ];
    let kind = kinds[b.rng.below(kinds.len() as u64) as usize];
    let (code, short) = bank(b, if kind == "policy" { 2 } else { 1 })?;
    let (action, culprit) = match kind {
        "rc" => {
            let rc = ["91", "96", "98", "68", "92"][b.rng.below(5) as usize];
            (format!("rc = \"{rc}\""), format!("{short} ("))
        }
        "slow" => ("delay_ms = 900".to_string(), format!("{short} (")),
        "window" => (
            "time = \"+0m..+30m\"\nrc = \"90\"".to_string(),
            format!("{short} ("),
        ),
        "policy" => {
            let rc = ["05", "57", "62", "61", "01", "51"][b.rng.below(6) as usize];
            (format!("rc = \"{rc}\""), format!("{short} (issuer policy)"))
        }
        action => (format!("action = \"{action}\""), format!("{short} (")),
    };
    b.rules.push(format!(
        "[[rule]]\nname = \"{code} {kind}\"\nbank = \"{code}\"\n{action}\n"
    ));
    Some(fault(
        format!("bank {code} {kind}: {}", action.replace('\n', " ")),
        Layer::Bank,
        Family::Bank,
        culprit,
    ))
}

/// The host link or the acquirer fails every bank alike.
pub fn network(b: &mut Build) -> Option<Fault> {
    let kinds = ["rc", "no_reply", "close", "malformed", "policy"];
    let kind = kinds[b.rng.below(kinds.len() as u64) as usize];
    let rule = match kind {
        "rc" => format!(
            "default_rc = \"{}\"\n",
            ["91", "96", "98"][b.rng.below(3) as usize]
        ),
        "policy" => "default_rc = \"05\"\n".to_string(),
        action => format!("[[rule]]\nname = \"all {action}\"\naction = \"{action}\"\n"),
    };
    // `default_rc` is top-level TOML: it must come before any [[rule]].
    b.rules.insert(0, rule.clone());
    Some(fault(
        format!("every bank: {}", rule.trim().replace('\n', " ")),
        Layer::Network,
        Family::Net,
        "network / acquirer link",
    ))
}
