//! The network judge: what the host client returned (connect, echo, authorisation, reversal)
//! in; attempt rows out — response code → approved or the RC's signal, timeouts, the reversal
//! expected after a timeout (ISO 8583:1987 0200/0210, 0400/0410, 0800/0810; DE39).

use super::{both, Judging};
use crate::checklist::card::CardData;
use crate::codec::iso8583::rc;
use crate::deck::DeckCard;
use crate::host::{AuthOutcome, AuthRequest, EchoOutcome, EntryMode, ReversalOutcome};
use crate::i18n::{tr_args, Arg, Text};
use crate::model::{Attempt, Outcome, Signal};

/// The amount of the test authorisation: 1.00 CNY, in minor units.
pub(crate) const AUTH_AMOUNT_MINOR: u64 = 100;

/// The authorisation for what the swipe or chip step read: chip entry (051) with the chip's
/// track-2 equivalent when the chip step read one, else swipe entry (021). `None` when no step
/// read a card number.
pub(crate) fn auth_request(data: &CardData) -> Option<AuthRequest> {
    let pan = data.pan.clone()?;
    let chip = data.chip_track2.is_some() || data.icc_data.is_some();
    Some(AuthRequest {
        pan,
        track2: if chip {
            data.chip_track2.clone().or_else(|| data.track2.clone())
        } else {
            data.track2.clone()
        },
        expiry: data.expiry.clone(),
        entry: if chip {
            EntryMode::Chip
        } else {
            EntryMode::Swipe
        },
        amount_minor: AUTH_AMOUNT_MINOR,
        icc_data: data.icc_data.clone(),
        card_seq: data.card_seq,
    })
}

/// The `auth` row when the run has no host: SKIP `no_host`, card columns from what was read.
pub(crate) fn no_host(mut base: Attempt, data: &CardData, j: &Judging) -> Attempt {
    j.fill_card(&mut base, data.pan.as_ref());
    let detail = Text::tr("judge-net-no-host");
    base.judge_text(Outcome::Skip, Signal::NoHost, detail);
    base
}

/// The `auth` row when neither the swipe nor the chip step read a card number: SKIP.
pub(crate) fn nothing_to_authorise(mut base: Attempt) -> Attempt {
    let detail = Text::tr("judge-net-nothing-to-authorise");
    base.judge_text(Outcome::Skip, Signal::Skipped, detail);
    base
}

/// The `auth` row when the card read is not the deck's (another bank or scheme): FAIL
/// `card_mismatch`, and the authorisation is not sent (a wrong card never counts as the deck
/// card). `None` when it is the deck's card.
pub(crate) fn wrong_card_not_sent(
    mut base: Attempt,
    card: &DeckCard,
    req: &AuthRequest,
    j: &Judging,
) -> Option<Attempt> {
    let why = j.wrong_card(card, &req.pan)?;
    j.fill_card(&mut base, Some(&req.pan));
    let detail = both(|l| tr_args(l, "judge-net-wrong-card", &[("why", why.get(l).into())]));
    base.judge_text(Outcome::Fail, Signal::CardMismatch, detail);
    Some(base)
}

/// The run's `connect` row: `Ok(connect time in ms)` or `Err(why the host is down)`.
pub(crate) fn judge_connect(
    mut base: Attempt,
    addr: &str,
    got: Result<Option<u64>, &str>,
) -> Attempt {
    match got {
        Ok(ms) => {
            base.latency_ms = ms;
            let detail = Text::tr_args("judge-net-connected", &[("addr", addr.into())]);
            base.judge_text(Outcome::Pass, Signal::Ok, detail);
        }
        Err(why) => {
            let args = [("why", Arg::from(why)), ("addr", Arg::from(addr))];
            let detail = Text::tr_args("judge-net-connect-failed", &args);
            base.judge_text(Outcome::Fail, Signal::ConnectFailed, detail)
        }
    }
    base
}

/// The run's `echo` row (0800/0810, DE70 301): RC 00 passes, another RC fails with its
/// signal, no reply is `echo_timeout`.
pub(crate) fn judge_echo(mut base: Attempt, out: &EchoOutcome) -> Attempt {
    base.latency_ms = Some(out.latency_ms);
    match &out.rc {
        Some(code) if code == "00" => {
            base.rc = code.clone();
            let detail = Text::tr("judge-net-echo-ok");
            base.judge_text(Outcome::Pass, Signal::Ok, detail);
        }
        Some(code) => {
            base.rc = code.clone();
            let detail = Text::tr("judge-net-echo-rc");
            base.judge_text(Outcome::Fail, Signal::rc(code), detail);
        }
        None => {
            let why = match &out.error {
                Some(e) => Text::same(e.as_str()),
                None => Text::tr("judge-net-echo-no-reply"),
            };
            base.judge_text(Outcome::Fail, Signal::EchoTimeout, why);
        }
    }
    base
}

/// The rows of one authorisation of `req`: `auth`, and `reversal` when the client sent one
/// after a timeout. `got` is the client's outcome, or why the host could not be reached. An
/// approving RC (`rc::is_approved`) passes; any other RC fails with its signal (`rc:51`).
pub(crate) fn judge_auth(
    base: Attempt,
    req: &AuthRequest,
    got: Result<&AuthOutcome, &str>,
    j: &Judging,
) -> Vec<Attempt> {
    let mut a = base.clone();
    j.fill_card(&mut a, Some(&req.pan));
    let out = match got {
        Ok(out) => out,
        Err(why) => {
            a.judge(Outcome::Fail, Signal::ConnectFailed, why);
            return vec![a];
        }
    };
    a.latency_ms = Some(out.latency_ms);
    let (mti, stan) = (&out.mti_pair, &out.stan);
    match &out.rc {
        Some(code) => {
            a.rc = code.clone();
            let entry = match req.entry {
                EntryMode::Swipe => "swipe",
                EntryMode::Chip => "chip",
                EntryMode::Fallback => "fallback",
            };
            let entry = Text::tr_args("judge-net-entry", &[("entry", entry.into())]);
            let detail = both(|l| {
                let meaning = out.rc_info.as_ref().map(|i| i.meaning(l));
                let args = [
                    ("mti", Arg::from(mti.as_str())),
                    ("stan", Arg::from(stan.as_str())),
                    ("entry", Arg::from(entry.get(l))),
                    ("de22", Arg::from(req.entry.de22())),
                    ("code", Arg::from(code.as_str())),
                    ("meaning", Arg::from(meaning.unwrap_or_default())),
                ];
                tr_args(l, "judge-net-auth", &args)
            });
            if rc::is_approved(code) {
                a.judge_text(Outcome::Pass, Signal::Ok, detail);
            } else if code == "59" && req.icc_data.as_ref().is_some_and(|d| !d.is_empty()) {
                // 59 to a request carrying an ARQC: the issuer's cryptogram check failed.
                a.judge_text(Outcome::Fail, Signal::ArqcRejected, detail);
            } else {
                a.judge_text(Outcome::Fail, Signal::rc(code), detail);
            }
        }
        None => {
            let signal = if out.timed_out {
                Signal::AuthTimeout
            } else {
                Signal::HostError
            };
            let args = [
                ("mti", Arg::from(mti.as_str())),
                ("stan", Arg::from(stan.as_str())),
                ("why", Arg::from(out.error.clone().unwrap_or_default())),
            ];
            let detail = Text::tr_args("judge-net-auth-failed", &args);
            a.judge_text(Outcome::Fail, signal, detail);
        }
    }
    let mut rows = vec![a];
    if let Some(r) = &out.reversal {
        let mut b = base;
        b.step = "reversal".into();
        j.fill_card(&mut b, Some(&req.pan));
        judge_reversal(&mut b, r);
        rows.push(b);
    }
    rows
}

/// The `reversal` row (0400/0410) expected after a timed-out or broken 0200, or after a card
/// that declined at GENERATE AC 2 a sale the host approved (`06`): PASS when the
/// host answered it, FAIL `reversal_missing` when it was not sent or not answered.
pub(crate) fn judge_reversal(b: &mut Attempt, r: &ReversalOutcome) {
    let reason = Arg::from(r.reason.to_string());
    if r.sent && r.answered {
        let code = r.rc.clone().unwrap_or_default();
        b.rc = code.clone();
        let args = [("reason", reason), ("code", Arg::from(code))];
        let detail = Text::tr_args("judge-net-reversal-ok", &args);
        b.judge_text(Outcome::Pass, Signal::Ok, detail);
    } else {
        let args = [("reason", reason)];
        let detail = if r.sent {
            Text::tr_args("judge-net-reversal-unanswered", &args)
        } else {
            Text::tr_args("judge-net-reversal-not-sent", &args)
        };
        b.judge_text(Outcome::Fail, Signal::ReversalMissing, detail);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::super::tests::{base, judging};
    use super::*;
    use crate::model::Interface;
    use crate::sensitive::{Pan, Track2};

    const PAN: &str = "6212260000000000026";

    fn swiped() -> CardData {
        CardData {
            pan: Some(Pan::new(PAN)),
            track2: Some(Track2::new(format!("{PAN}=28122200000"))),
            expiry: Some("2812".into()),
            ..CardData::default()
        }
    }

    fn answered(code: Option<&str>) -> AuthOutcome {
        AuthOutcome {
            mti_pair: "0200/0210".into(),
            stan: "000002".into(),
            rc: code.map(String::from),
            rc_info: code.map(rc::rc_info),
            latency_ms: 7,
            timed_out: false,
            reversal: None,
            error: None,
            icc_reply: Vec::new(),
        }
    }

    fn auth(data: &CardData, got: Result<&AuthOutcome, &str>) -> Vec<Attempt> {
        let req = auth_request(data).unwrap();
        judge_auth(base(Interface::Network, "auth"), &req, got, &judging())
    }

    #[test]
    fn request_follows_what_was_read() {
        assert!(auth_request(&CardData::default()).is_none());
        let req = auth_request(&swiped()).unwrap();
        assert_eq!((req.entry, req.amount_minor), (EntryMode::Swipe, 100));
        let mut chip = swiped();
        chip.chip_track2 = Some(Track2::new(format!("{PAN}D28122200000")));
        let req = auth_request(&chip).unwrap();
        assert_eq!(req.entry, EntryMode::Chip);
        assert!(req.track2.unwrap().expose_clear().contains('D'));
    }

    #[test]
    fn approval_and_decline() {
        let rows = auth(&swiped(), Ok(&answered(Some("00"))));
        assert_eq!(rows.len(), 1);
        let a = &rows[0];
        assert_eq!(
            (a.outcome, &a.signal, a.rc.as_str()),
            (Outcome::Pass, &Signal::Ok, "00")
        );
        assert_eq!(
            a.detail,
            "0200/0210 STAN 000002 entry swipe 021: RC 00 approved"
        );
        assert_eq!(
            (a.masked_pan.as_str(), a.bank.as_str()),
            ("621226*********0026", "ICBC")
        );
        assert_eq!(a.latency_ms, Some(7));
        // 10 and 11 approve (the one response-code catalogue).
        let a = &auth(&swiped(), Ok(&answered(Some("11"))))[0];
        assert_eq!(a.outcome, Outcome::Pass);
        let a = &auth(&swiped(), Ok(&answered(Some("51"))))[0];
        assert_eq!((a.outcome, &a.signal), (Outcome::Fail, &Signal::rc("51")));
    }

    #[test]
    fn timeout_with_reversal() {
        let mut out = answered(None);
        out.timed_out = true;
        out.error = Some("no 0210 within 500 ms".into());
        out.reversal = Some(ReversalOutcome {
            sent: true,
            answered: true,
            rc: Some("00".into()),
            reason: "98".into(),
        });
        let rows = auth(&swiped(), Ok(&out));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].signal, Signal::AuthTimeout);
        assert_eq!(
            rows[0].detail,
            "0200/0210 STAN 000002: no 0210 within 500 ms"
        );
        let r = &rows[1];
        assert_eq!(
            (r.step.as_str(), r.outcome, r.latency_ms),
            ("reversal", Outcome::Pass, None)
        );
        assert_eq!(
            r.detail,
            "0400 reason 98 sent after the failed 0200, 0410 RC 00"
        );
        assert_eq!(r.masked_pan, "621226*********0026");
        out.reversal = Some(ReversalOutcome {
            sent: true,
            answered: false,
            rc: None,
            reason: "98".into(),
        });
        let rows = auth(&swiped(), Ok(&out));
        assert_eq!(rows[1].signal, Signal::ReversalMissing);
        assert_eq!(rows[1].detail, "0400 reason 98 sent, no 0410");
    }

    #[test]
    fn host_down_and_bad_reply() {
        let rows = auth(&swiped(), Err("connection refused"));
        assert_eq!(
            (rows[0].outcome, &rows[0].signal),
            (Outcome::Fail, &Signal::ConnectFailed)
        );
        assert_eq!(rows[0].detail, "connection refused");
        let mut out = answered(None);
        out.error = Some("malformed 0210".into());
        let rows = auth(&swiped(), Ok(&out));
        assert_eq!(rows[0].signal, Signal::HostError);
    }

    #[test]
    fn run_rows_connect_and_echo() {
        let a = judge_connect(
            base(Interface::Network, "connect"),
            "127.0.0.1:9",
            Ok(Some(3)),
        );
        assert_eq!((a.outcome, a.latency_ms), (Outcome::Pass, Some(3)));
        assert_eq!(a.detail, "connected to 127.0.0.1:9");
        let a = judge_connect(
            base(Interface::Network, "connect"),
            "127.0.0.1:9",
            Err("refused"),
        );
        assert_eq!(
            (a.signal, a.detail.as_str()),
            (Signal::ConnectFailed, "refused (127.0.0.1:9)")
        );
        let echo = |code: Option<&str>| EchoOutcome {
            latency_ms: 1,
            rc: code.map(String::from),
            error: None,
        };
        let a = judge_echo(base(Interface::Network, "echo"), &echo(Some("00")));
        assert_eq!((a.outcome, a.rc.as_str()), (Outcome::Pass, "00"));
        let a = judge_echo(base(Interface::Network, "echo"), &echo(Some("96")));
        assert_eq!((a.outcome, &a.signal), (Outcome::Fail, &Signal::rc("96")));
        let a = judge_echo(base(Interface::Network, "echo"), &echo(None));
        assert_eq!(
            (a.signal, a.detail.as_str()),
            (Signal::EchoTimeout, "no 0810")
        );
    }

    #[test]
    fn skips_without_host_or_card_number() {
        let a = no_host(base(Interface::Network, "auth"), &swiped(), &judging());
        assert_eq!((a.outcome, &a.signal), (Outcome::Skip, &Signal::NoHost));
        assert_eq!(a.masked_pan, "621226*********0026");
        let a = nothing_to_authorise(base(Interface::Network, "auth"));
        assert_eq!((a.outcome, &a.signal), (Outcome::Skip, &Signal::Skipped));
    }
}
