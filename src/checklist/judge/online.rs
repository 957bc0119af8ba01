//! The online-completion judge: what the EMV flow's completion (`device::emv::online`) did
//! with the host's answer in; the chip `online` row out — EXTERNAL AUTHENTICATE (TVR byte 5
//! `40` issuer authentication failed), issuer scripts (`20`/`10` script failed), GENERATE AC 2
//! (EMV 4.3 Book 3 §10.9–10.10). The TVR column holds the final TVR.

use super::{both, Judging};
use crate::codec::emv::CryptogramType;
use crate::device::emv::{EmvOutcome, EmvResult};
use crate::i18n::{tr, tr_args, Arg, Text};
use crate::model::{Attempt, Outcome, Signal};

/// The `online` row of card's completion; `device_error` when the reader failed mid-way.
pub(crate) fn judge_online(
    mut a: Attempt,
    r: &EmvResult,
    device_error: Option<&str>,
    j: &Judging,
) -> Attempt {
    j.fill_card(&mut a, r.pan.as_ref());
    if let Some(aid) = &r.aid {
        a.aid = super::chip::aid_cell(aid);
    }
    if let Some(err) = device_error {
        a.judge_text(Outcome::Error, Signal::ChipError, Text::same(err));
        return a;
    }
    let Some(o) = &r.online else {
        a.judge_text(
            Outcome::Fail,
            Signal::ChipError,
            Text::tr("judge-online-none"),
        );
        return a;
    };
    a.tvr = o.tvr.clone();
    a.tsi = o.tsi.clone();
    a.sw = o.gen_ac2_sw.clone();
    let cid2 = o
        .cid2
        .as_deref()
        .and_then(|c| u8::from_str_radix(c, 16).ok())
        .map(CryptogramType::from_bits);
    let facts = both(|l| {
        let auth = match o.issuer_auth {
            Some(true) => tr(l, "judge-online-auth-ok"),
            Some(false) => tr(l, "judge-online-auth-failed"),
            None => tr(l, "judge-online-auth-none"),
        };
        let cid2 = match (&o.cid2, cid2) {
            (_, Some(k)) => k.code().to_string(),
            (Some(_), None) => "-".to_string(),
            (None, _) => tr(l, "judge-online-not-sent").into_owned(),
        };
        let args = [
            ("arc", Arg::from(o.arc.as_str())),
            ("auth", Arg::from(auth.into_owned())),
            ("cid2", Arg::from(cid2)),
            ("sent", Arg::from(o.scripts_sent)),
            ("received", Arg::from(o.scripts_received)),
            ("tvr", Arg::from(o.tvr.as_str())),
            ("tsi", Arg::from(o.tsi.as_str())),
        ];
        tr_args(l, "judge-online-facts", &args)
    });
    let approved = crate::codec::iso8583::rc::is_approved(&o.arc);
    let stopped_at_genac = r
        .steps
        .last()
        .is_some_and(|s| s.sw.is_empty() && s.name == "GENERATE AC");
    let (outcome, signal, key) = if r.outcome == EmvOutcome::Mute {
        let signal = if stopped_at_genac {
            Signal::MuteAtCrypto
        } else {
            Signal::ApduTimeout
        };
        (Outcome::Fail, signal, "judge-online-stopped")
    } else if o.issuer_auth == Some(false) {
        (
            Outcome::Fail,
            Signal::IssuerAuthFailed,
            "judge-online-issuer-auth-failed",
        )
    } else if o.script_failed {
        (
            Outcome::Fail,
            Signal::ScriptFailed,
            "judge-online-script-failed",
        )
    } else if o.cid2.as_deref() == Some("") {
        let sw = u16::from_str_radix(&o.gen_ac2_sw, 16).ok();
        let signal = sw.map_or(Signal::ChipError, Signal::Sw);
        (Outcome::Fail, signal, "judge-online-no-cryptogram")
    } else if approved && cid2 == Some(CryptogramType::Aac) {
        (
            Outcome::Fail,
            Signal::DeclinedAfterApproval,
            "judge-online-declined-after-approval",
        )
    } else {
        (Outcome::Pass, Signal::Ok, "judge-online-ok")
    };
    let detail = both(|l| tr_args(l, key, &[("facts", facts.get(l).into())]));
    a.judge_text(outcome, signal, detail);
    a
}
