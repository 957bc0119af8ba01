//! R1, line noise: garbled frames next to read errors scattered over several tracks (a worn
//! head hits one track; a noisy line corrupts whatever crosses it), or many frames the driver
//! had to reject and resend. A noisy line also explains the chip exchanges it garbled, and R3
//! does not judge the swipe head on it.

use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{Explained, Rule, Verdict};
use crate::diagnosis::signals::classify;
use crate::diagnosis::view::{Observation, View};
use crate::i18n::Text;
use crate::model::{Family, Interface, Signal};
use std::collections::BTreeSet;

/// R1 (line noise).
pub const RULE: Rule = Rule {
    id: "R1",
    about: "garbled frames with read errors scattered over several tracks, or many frames resent",
    run,
};

/// What the run shows of the serial line.
#[derive(Clone, Debug)]
pub struct Noise<'a> {
    /// Garbled or unexpected frames (`protocol_error`), whatever the outcome.
    pub garbled: Vec<&'a Observation>,
    /// Failed swipes with hardware-like signals.
    pub swipe_hw: Vec<&'a Observation>,
    /// The tracks those swipes failed on.
    pub tracks_hit: BTreeSet<u8>,
    /// Whether the line is judged noisy.
    pub noisy: bool,
}

/// Looks at the line: noisy when two frames came garbled, when one did and read errors hit
/// two tracks or more, or when (the reader still answering) at least 5 frames and 2 % of
/// all frames were rejected or resent.
pub fn detect<'a>(view: &View<'a>) -> Noise<'a> {
    let garbled: Vec<&Observation> = view
        .obs
        .iter()
        .filter(|o| o.signal == Signal::ProtocolError)
        .collect();
    let swipe_hw: Vec<&Observation> = view
        .obs
        .iter()
        .filter(|o| {
            o.failed() && o.interface == Interface::Swipe && classify(&o.signal).hardware_like
        })
        .collect();
    let tracks_hit: BTreeSet<u8> = swipe_hw
        .iter()
        .filter_map(|o| o.signal.track_no())
        .collect();
    let link = view.link;
    let noisy = garbled.len() >= 2
        || (!garbled.is_empty() && tracks_hit.len() >= 2)
        || (!link.gave_up && link.retries >= 5 && link.retries * 50 >= link.frames.max(1));
    Noise {
        garbled,
        swipe_hw,
        tracks_hit,
        noisy,
    }
}

fn run(view: &View, _: &Explained) -> Vec<Verdict> {
    let noise = detect(view);
    if !noise.noisy {
        return Vec::new();
    }
    let link = view.link;
    let mut ev: Vec<&Observation> = noise.garbled.clone();
    ev.extend(noise.swipe_hw.iter().copied());
    let mut evidence = evidence(&ev);
    if link.retries > 0 {
        let line = format!(
            "link: {} of {} frames rejected or resent",
            link.retries, link.frames
        );
        evidence.insert(0, line);
    }
    let c = Conclusion {
        rule: "R1".into(),
        family: Family::TermHw,
        culprit: Text::new("serial line (cable / noise)", "串口线路（线缆 / 干扰）"),
        finding: finding(&noise, view),
        action: Text::new(
            "check the cable, shielding and grounding; try another cable or a lower baud rate",
            "检查线缆、屏蔽和接地；更换线缆或降低波特率",
        ),
        confidence: if noise.garbled.len() >= 2 || link.retries * 5 >= link.frames.max(1) {
            Confidence::High
        } else {
            Confidence::Medium
        },
        evidence,
    };
    // Chip exchanges garbled by the same line are explained by it, whole; on the swipe only
    // the garbled and misread attempts are (an expired date read on the same swipe is not).
    let chip_garbled = view
        .obs
        .iter()
        .filter(|o| {
            o.failed() && o.interface == Interface::Chip && classify(&o.signal).hardware_like
        })
        .filter_map(|o| o.card.map(|c| (c, o.interface)));
    vec![Verdict::new(c)
        .explaining(chip_garbled)
        .explaining_obs(view, ev)]
}

fn finding(noise: &Noise, view: &View) -> Text {
    let n = noise.garbled.len();
    let (mut en, mut zh) = if n == 0 {
        (
            "the reader's answers arrive corrupted".to_string(),
            "读卡器应答在线路上被损坏".to_string(),
        )
    } else {
        (format!("{n} garbled frame(s)"), format!("{n} 个乱码帧"))
    };
    if !noise.tracks_hit.is_empty() {
        let ncards = noise
            .swipe_hw
            .iter()
            .filter_map(|o| o.card)
            .collect::<BTreeSet<_>>()
            .len();
        let tracks = noise.tracks_hit.len();
        en.push_str(&format!(
            "; read errors scattered over {tracks} track(s) of {ncards} card(s)"
        ));
        zh.push_str(&format!(
            "；读卡错误分散在 {tracks} 个磁道、{ncards} 张卡上"
        ));
    }
    let link = view.link;
    if link.retries > 0 {
        en.push_str(&format!(
            "; {} of {} frames rejected or resent",
            link.retries, link.frames
        ));
        zh.push_str(&format!(
            "；{} / {} 帧被拒或重发",
            link.retries, link.frames
        ));
    }
    Text::new(en, zh)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, conclusions, fail, healthy};
    use crate::diagnosis::LinkStats;
    use crate::model::Outcome;

    /// Garbled frames on two cards and LRC errors on tracks 1 and 2 of others.
    fn noisy_run() -> Vec<Observation> {
        healthy(|o| match (o.card, o.step.as_str()) {
            (Some(1 | 2), "swipe#1") => {
                o.outcome = Outcome::Error;
                o.signal = Signal::ProtocolError;
            }
            (Some(3), "swipe#2") => fail(o, "t1:lrc"),
            (Some(4), "swipe#3") => fail(o, "t2:lrc"),
            (Some(5), "atr") => fail(o, "chip_error"),
            _ => {}
        })
    }

    #[test]
    fn garbled_frames_and_scattered_tracks_are_the_line() {
        let out = apply(
            RULE,
            &noisy_run(),
            &LinkStats::default(),
            &Explained::default(),
        );
        assert_eq!(out.len(), 1);
        let c = &out[0].conclusion;
        assert_eq!(c.culprit.en, "serial line (cable / noise)");
        assert_eq!(
            c.finding.en,
            "2 garbled frame(s); read errors scattered over 2 track(s) of 2 card(s)"
        );
        assert_eq!(c.confidence, Confidence::High);
        // The garbled swipes, the read errors and the garbled chip exchange are explained.
        let obs = noisy_run();
        let link = LinkStats::default();
        let view = View::new(&obs, &link);
        let out = (RULE.run)(&view, &Explained::default());
        for pair in [
            (1, Interface::Swipe),
            (3, Interface::Swipe),
            (4, Interface::Swipe),
            (5, Interface::Chip),
        ] {
            assert!(out[0].explains_attempts_of(&view, pair), "{pair:?}");
        }
    }

    #[test]
    fn many_resent_frames_alone_are_the_line() {
        let link = LinkStats {
            retries: 6,
            frames: 100,
            ..LinkStats::default()
        };
        let out = apply(RULE, &healthy(|_| {}), &link, &Explained::default());
        let c = &out[0].conclusion;
        assert!(c
            .finding
            .en
            .starts_with("the reader's answers arrive corrupted"));
        assert!(c
            .finding
            .en
            .ends_with("; 6 of 100 frames rejected or resent"));
        assert_eq!(c.evidence[0], "link: 6 of 100 frames rejected or resent");
        assert_eq!(c.confidence, Confidence::Medium);
    }

    #[test]
    fn one_worn_track_is_not_noise() {
        let v = healthy(|o| {
            if o.interface == Interface::Swipe {
                fail(o, "t2:parity");
            }
        });
        assert!(conclusions(RULE, &v).is_empty());
        let link = LinkStats::default();
        assert!(!detect(&View::new(&v, &link)).noisy);
    }
}
