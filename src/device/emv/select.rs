//! Application selection (EMV 4.3 Book 1 §12): the candidates of the PSE directory, the
//! terminal's AID list with partial-name selection (SELECT next, P2 = 02, for each further
//! application under a partial AID), the application priority indicator (`87`: b4–b1 the
//! priority, b8 cardholder confirmation required), the final SELECT and the check that its
//! FCI's DF name (`84`) is the application selected.
//!
//! A bench has no cardholder to confirm an application: as Book 1 §12.4 says for a terminal
//! that does not offer confirmation, an application whose priority indicator asks for it is
//! excluded, and the step's note says why. An exact match from the AID list is selected at
//! once (the bench stops at the first application it can use); partial matches are gathered
//! with SELECT next and the one of highest priority is selected.

use super::flow::{EmvFlow, Phase, Sw, SW_OK};
use super::result::EmvOutcome;
use crate::codec::tlv;
use crate::hexfmt::hex;
use crate::i18n::{Lang, Text};

/// An application the card offers: its ADF name and priority (1 highest … 15 lowest).
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    pub aid: Vec<u8>,
    pub priority: u8,
}

/// Application priority indicator `87` b8: cardholder confirmation required.
const CONFIRMATION: u8 = 0x80;

/// Priority of an `87` value: b4–b1, 0 (no priority) or missing counting as lowest.
fn priority(api: Option<u8>) -> u8 {
    match api.map(|p| p & 0x0F) {
        None | Some(0) => 15,
        Some(p) => p,
    }
}

/// Why an application is excluded from the candidates, as noted on the step.
fn excluded_note(aid: &[u8]) -> Text {
    Text::tr_args("devices-emv-note-excluded", &[("aid", hex(aid).into())])
}

impl EmvFlow {
    /// Application templates (`61`) of a directory record: AID (`4F`) and priority (`87`)
    /// of each application the terminal lists; one that asks for cardholder confirmation is
    /// excluded. Returns the step's note.
    pub(super) fn collect_directory(&mut self, data: &[u8]) -> Text {
        let mut notes = vec![Text::tr("devices-emv-note-directory-record")];
        for entry in tlv::walk(data).map_while(Result::ok) {
            if entry.tag != 0x61 {
                continue;
            }
            let Some(aid) = entry.find(0x4F) else {
                continue;
            };
            if !self.terminal_lists(aid.value) {
                continue;
            }
            let api = entry.find(0x87).and_then(|o| o.value.first().copied());
            if api.is_some_and(|p| p & CONFIRMATION != 0) {
                notes.push(excluded_note(aid.value));
                continue;
            }
            self.candidates.push(Candidate {
                aid: aid.value.to_vec(),
                priority: priority(api),
            });
        }
        let join = |lang| notes.iter().map(|n| n.get(lang)).collect::<Vec<_>>();
        Text::new(join(Lang::En).join("; "), join(Lang::ZhCn).join("；"))
    }

    /// Whether the terminal allows partial-name selection for its listed AID `name` (the AID
    /// parameters' flag; a flow without AID parameters allows it).
    fn partial_allowed(&self, name: &[u8]) -> bool {
        self.aid_table.is_empty()
            || self
                .aid_table
                .iter()
                .any(|a| a.aid == name && a.partial_selection)
    }

    pub(super) fn on_select_application(&mut self, sw: Sw, phase: Phase, data: &[u8]) {
        let listed = match phase {
            Phase::SelectListed(i) | Phase::SelectNext(i) => Some(i),
            _ => None,
        };
        if let Some(i) = listed.filter(|_| sw == SW_OK || sw == (0x62, 0x83)) {
            return self.on_listed_answer(sw, i, phase, data);
        }
        if sw == SW_OK {
            // The final SELECT of a candidate: its DF name must be the one selected.
            let want = self.candidates.first().map(|c| c.aid.clone());
            let got = tlv::walk(data).find_tag(0x84).map(|o| o.value.to_vec());
            if let (Some(want), Some(got)) = (&want, &got) {
                if want != got {
                    return self.aid_mismatch(sw, want, got);
                }
            }
            self.finish_step(sw, Text::tr("devices-emv-note-app-selected"));
            self.selected_from = Some(phase);
            self.take_fci(data);
            self.phase = Phase::Gpo;
            return;
        }
        let note = match sw {
            (0x62, 0x83) => {
                self.blocked_seen = true;
                Text::tr("devices-emv-note-app-blocked")
            }
            (0x6A, 0x81) => Text::tr("devices-emv-note-card-blocked"),
            (0x6A, 0x82) if matches!(phase, Phase::SelectNext(_)) => {
                Text::tr("devices-emv-note-no-further-app")
            }
            (0x6A, 0x82) => Text::tr("devices-emv-note-not-on-card"),
            _ => Text::tr("devices-emv-note-refused"),
        };
        self.finish_step(sw, note);
        self.next_selection_after(phase);
    }

    /// The card answered a SELECT of listed AID `i` (first or next occurrence) with an FCI
    /// (`9000`, or `6283` blocked): an exact match is selected at once, a longer DF name is a
    /// partial-name match gathered for final selection (then SELECT next), anything else is
    /// not this AID's application.
    fn on_listed_answer(&mut self, sw: Sw, i: usize, phase: Phase, data: &[u8]) {
        let name = self.aids.get(i).cloned().unwrap_or_default();
        let df = tlv::walk(data)
            .find_tag(0x84)
            .map(|o| o.value.to_vec())
            .unwrap_or_else(|| name.clone());
        let api = tlv::walk(data)
            .find_tag(0x87)
            .and_then(|o| o.value.first().copied());
        let blocked = sw == (0x62, 0x83);
        let confirm = api.is_some_and(|p| p & CONFIRMATION != 0);
        if df == name {
            if blocked || confirm {
                self.blocked_seen |= blocked;
                let note = if blocked {
                    Text::tr("devices-emv-note-app-blocked")
                } else {
                    excluded_note(&df)
                };
                self.finish_step(sw, note);
                self.phase = Phase::SelectListed(i + 1);
                return;
            }
            self.finish_step(sw, Text::tr("devices-emv-note-app-selected"));
            self.selected_from = Some(phase);
            self.take_fci(data);
            self.phase = Phase::Gpo;
            return;
        }
        if !df.starts_with(&name) {
            return self.aid_mismatch(sw, &name, &df);
        }
        if !self.partial_allowed(&name) {
            let args = [("df", hex(&df).into()), ("name", hex(&name).into())];
            let note = Text::tr_args("devices-emv-note-partial-not-allowed", &args);
            self.finish_step(sw, note);
            self.phase = Phase::SelectListed(i + 1);
            return;
        }
        let note = if blocked {
            self.blocked_seen = true;
            Text::tr_args(
                "devices-emv-note-partial-blocked",
                &[("df", hex(&df).into())],
            )
        } else if confirm {
            excluded_note(&df)
        } else {
            self.candidates.push(Candidate {
                aid: df.clone(),
                priority: priority(api),
            });
            Text::tr_args(
                "devices-emv-note-partial-candidate",
                &[("df", hex(&df).into())],
            )
        };
        self.finish_step(sw, note);
        self.phase = Phase::SelectNext(i);
    }

    /// The FCI names another application than the one selected: the flow stops (EMV Book 1
    /// §12.4: the terminal must use the application it selected).
    fn aid_mismatch(&mut self, sw: Sw, want: &[u8], got: &[u8]) {
        let args = [("got", hex(got).into()), ("want", hex(want).into())];
        let why = Text::tr_args("devices-emv-note-aid-mismatch", &args);
        self.result.error = Some(why.en.clone());
        self.finish_step(sw, why);
        self.result.outcome = EmvOutcome::AidMismatch;
        self.phase = Phase::Done;
    }

    /// After GPO refused the selected application: the next one.
    pub(super) fn next_selection(&mut self) {
        let from = self.selected_from.clone().unwrap_or(Phase::SelectCandidate);
        self.next_selection_after(from);
    }

    /// The next SELECT after the one of `from` failed.
    fn next_selection_after(&mut self, from: Phase) {
        self.phase = match from {
            Phase::SelectListed(i) | Phase::SelectNext(i) => Phase::SelectListed(i + 1),
            _ => {
                if !self.candidates.is_empty() {
                    self.candidates.remove(0);
                }
                Phase::SelectCandidate
            }
        };
    }

    /// AID (`84`, else the name selected), label (`50`) and PDOL (`9F38`) of the FCI.
    pub(super) fn take_fci(&mut self, fci: &[u8]) {
        let found = |tag| tlv::walk(fci).find_tag(tag).map(|o| o.value);
        let aid = found(0x84).map(<[u8]>::to_vec).unwrap_or_else(|| {
            self.current
                .get(5..self.current.len() - 1)
                .unwrap_or(&[])
                .to_vec()
        });
        self.result.aid = Some(hex(&aid));
        self.result.label = found(0x50).map(|v| String::from_utf8_lossy(v).to_string());
        self.pdol = found(0x9F38).map(<[u8]>::to_vec).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::codec::emv::TerminalData;
    use crate::hexfmt::parse_hex;

    /// `6F { 84 name, A5 { 87 api } } 90 00`.
    fn fci(name: &str, api: u8) -> Vec<u8> {
        let name = parse_hex(name).unwrap();
        let mut a5 = Vec::new();
        tlv::push(&mut a5, 0x87, &[api]);
        let mut inner = Vec::new();
        tlv::push(&mut inner, 0x84, &name);
        tlv::push(&mut inner, 0xA5, &a5);
        let mut out = Vec::new();
        tlv::push(&mut out, 0x6F, &inner);
        out.extend([0x90, 0x00]);
        out
    }

    /// The terminal lists the partial AID A000000333: SELECT, then SELECT next while the card
    /// has further applications under it; the one asking for cardholder confirmation is
    /// excluded; the final SELECT picks priority 1 and its FCI names it.
    #[test]
    fn partial_name_selection_gathers_and_picks_by_priority() {
        let partial = parse_hex("A000000333").unwrap();
        let mut f = EmvFlow::new(TerminalData::default(), vec![partial.clone()]);
        let answers = [
            (
                crate::codec::emv::commands::select(crate::codec::emv::PSE),
                vec![0x6A, 0x82],
            ),
            (
                crate::codec::emv::commands::select(&partial),
                fci("A000000333010101", 2),
            ),
            (
                crate::codec::emv::commands::select_next(&partial),
                fci("A000000333010102", 1),
            ),
            (
                crate::codec::emv::commands::select_next(&partial),
                fci("A000000333010103", 0x81),
            ),
            (
                crate::codec::emv::commands::select_next(&partial),
                vec![0x6A, 0x82],
            ),
        ];
        for (want, answer) in answers {
            assert_eq!(f.next_command().unwrap(), want);
            f.on_response(&answer);
        }
        let chosen = parse_hex("A000000333010102").unwrap();
        assert_eq!(
            f.next_command().unwrap(),
            crate::codec::emv::commands::select(&chosen)
        );
        f.on_response(&fci("A000000333010102", 1));
        assert_eq!(f.next_command().unwrap()[..2], [0x80, 0xA8], "GPO next");
        let r = f.result(None);
        assert_eq!(r.aid.as_deref(), Some("A000000333010102"));
        assert!(r.steps.iter().any(|s| s
            .note
            .en
            .contains("A000000333010103 excluded: cardholder confirmation")));
    }

    /// The final SELECT's FCI names another application: the flow stops with the reason.
    #[test]
    fn a_final_select_naming_another_aid_fails() {
        let partial = parse_hex("A000000333").unwrap();
        let mut f = EmvFlow::new(TerminalData::default(), vec![partial]);
        for answer in [
            vec![0x6A, 0x82],
            fci("A000000333010101", 1),
            vec![0x6A, 0x82],
            fci("A000000333010199", 1),
        ] {
            f.next_command().unwrap();
            f.on_response(&answer);
        }
        assert_eq!(f.next_command(), None);
        let r = f.result(None);
        assert_eq!(r.outcome, EmvOutcome::AidMismatch);
        assert!(r
            .error
            .unwrap()
            .contains("A000000333010199 is not the application selected A000000333010101"));
    }

    /// A PSE directory entry asking for cardholder confirmation is not a candidate.
    #[test]
    fn directory_entries_asking_for_confirmation_are_excluded() {
        let mut f = EmvFlow::new(TerminalData::default(), Vec::new());
        let rec = parse_hex("701C 610C 4F07A0000000031010 870181 610C 4F07A0000000041010 870101")
            .unwrap();
        let note = f.collect_directory(&rec);
        assert_eq!(f.candidates.len(), 1);
        assert_eq!(f.candidates[0].aid, parse_hex("A0000000041010").unwrap());
        assert!(note.en.contains("A0000000031010 excluded"), "{note:?}");
    }

    /// The simulated card answers SELECT next: two applications under the partial AID
    /// A000000333, the second of higher priority, which the flow selects and reads.
    #[test]
    fn the_simulated_card_answers_select_next() {
        let toml = r#"
[scenario]
name = "two-apps"
description = "two UnionPay applications"
seed = 1

[[card]]
label = "two apps"
pan = "6212260000000000026"
name = "ZHANG/SAN"
expiry = "2812"
pse = false

[[card.app]]
aid = "A000000333010101"
label = "UnionPay Debit"
priority = 2

[[card.app]]
aid = "A000000333010102"
label = "UnionPay Credit"
priority = 1
"#;
        let sc = crate::sim::scenario::Scenario::parse(toml, "test").unwrap();
        let mut sim = crate::sim::crt310::Crt310Sim::new(sc, crate::sim::SimOptions::default());
        sim.card_reset();
        let flow = EmvFlow::new(
            TerminalData::default(),
            vec![parse_hex("A000000333").unwrap()],
        );
        let r = super::super::run_emv_on_card(flow, &mut |c: &[u8]| sim.card_apdu(0, c));
        assert_eq!(r.aid.as_deref(), Some("A000000333010102"), "{:?}", r.steps);
        assert_eq!(r.label.as_deref(), Some("UnionPay Credit"));
        let names: Vec<_> = r.steps.iter().map(|s| s.name.as_str()).collect();
        assert!(
            names.iter().filter(|n| n.starts_with("SELECT")).count() >= 4,
            "{names:?}"
        );
        assert_eq!(r.outcome, EmvOutcome::Ok, "{:?}", r.steps);
    }
}
