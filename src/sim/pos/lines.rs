//! The simulated POS's own lines (`cardbench sim pos` on stderr): its sign-on, each card and
//! its settlement, in a language (catalogue `devices-sim-pos-*`).

use super::{PosCard, PosCardResult, Shown};
use crate::i18n::{t, tr, Lang};

/// `sign-on: signed on`.
pub(super) fn sign_on(shown: &Shown, lang: Lang) -> String {
    t!(
        lang,
        "devices-sim-pos-sign-on",
        shown = shown_text(shown, lang)
    )
    .into_owned()
}

/// `settlement: balanced`.
pub(super) fn settlement(shown: &Shown, lang: Lang) -> String {
    t!(
        lang,
        "devices-sim-pos-settlement",
        shown = shown_text(shown, lang)
    )
    .into_owned()
}

/// What the terminal's screen showed, in words (`signed on`, `answered RC 05`).
fn shown_text(s: &Shown, lang: Lang) -> String {
    let text = match s {
        Shown::SignedOn => tr(lang, "devices-sim-pos-shown-signed-on"),
        Shown::Answer(rc) => t!(lang, "devices-sim-pos-shown-answer", rc = rc.as_str()),
        Shown::NoAnswer => tr(lang, "devices-sim-pos-shown-no-answer"),
        Shown::ReadError => tr(lang, "devices-sim-pos-shown-read-error"),
        Shown::KeyError => tr(lang, "devices-sim-pos-shown-key-error"),
        Shown::MacError => tr(lang, "devices-sim-pos-shown-mac-error"),
        Shown::PrinterError => tr(lang, "devices-sim-pos-shown-printer-error"),
        Shown::Settled { balanced: true } => tr(lang, "devices-sim-pos-shown-balanced"),
        Shown::Settled { balanced: false } => tr(lang, "devices-sim-pos-shown-unbalanced"),
    };
    text.into_owned()
}

/// One card: label, masked PAN, how it was read, the chip's TVR and ODA, STAN, the answer and
/// the reversal.
pub(super) fn card(res: &PosCardResult, card: &PosCard, lang: Lang) -> String {
    let reversal = match (res.reversal_sent, res.reversal_answered, res.timed_out) {
        (true, answered, _) => t!(
            lang,
            "devices-sim-pos-reversal",
            reason = res.reversal_reason.as_deref().unwrap_or(""),
            answered = if answered { "yes" } else { "no" }
        ),
        (false, _, true) => tr(lang, "devices-sim-pos-no-reversal"),
        (false, _, false) => "".into(),
    };
    let chip = res
        .chip
        .as_ref()
        .map(|c| {
            let tvr = c.tvr.as_deref().unwrap_or("-");
            t!(
                lang,
                "devices-sim-pos-chip",
                tvr = tvr,
                oda = c.oda.get(lang)
            )
            .into_owned()
        })
        .unwrap_or_default();
    let result = match (&res.rc, &res.shown) {
        (Some(rc), _) => t!(lang, "devices-sim-pos-rc", rc = rc.as_str()).into_owned(),
        (None, Some(s)) => shown_text(s, lang),
        (None, None) => tr(lang, "devices-sim-pos-timeout").into_owned(),
    };
    t!(
        lang,
        "devices-sim-pos-card",
        label = match lang {
            Lang::En => format!("{:?}", res.label),
            _ => res.label.clone(),
        },
        pan = res.pan.to_string(),
        entry = card.entry.as_str(),
        chip = chip,
        stan = res.stan.as_str(),
        result = result,
        reversal = reversal
    )
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Breaker, session 7: the lines said the simulator's type names (`sign-on: SignedOn`).
    #[test]
    fn screen_states_in_words() {
        assert_eq!(sign_on(&Shown::SignedOn, Lang::En), "sign-on: signed on");
        assert_eq!(sign_on(&Shown::SignedOn, Lang::ZhCn), "签到：签到成功");
        let settled = Shown::Settled { balanced: false };
        assert_eq!(settlement(&settled, Lang::En), "settlement: not balanced");
        let answer = shown_text(&Shown::Answer("05".into()), Lang::En);
        assert_eq!(answer, "answered RC 05");
    }
}
