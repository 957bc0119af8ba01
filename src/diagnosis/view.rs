//! The per-terminal view the rules read: one terminal's observations grouped by card and
//! interface, each card with its bank and scheme, cards grouped by bank and by scheme, and
//! what the link itself showed.

use crate::i18n::{tr, tr_args, Arg, Lang, Text};
use crate::model::{Attempt, Interface, Outcome, Signal};
use std::collections::BTreeMap;

/// One attempt as the cross-card rules see it. An attempt that observed several signals (a
/// swipe with a track error and an expired date read from the other track) is one observation
/// per signal: every signal reaches the rules.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Observation {
    /// Deck position; `None` for run-level steps (echo test, device).
    pub card: Option<usize>,
    pub label: Text,
    pub reference: bool,
    /// Issuing bank abbreviation (`ICBC`), empty when unknown.
    pub bank: String,
    pub bank_text: Text,
    pub scheme: String,
    pub interface: Interface,
    pub step: String,
    pub outcome: Outcome,
    pub signal: Signal,
    /// Field 39 as received, empty when the step had no host reply.
    pub rc: String,
    /// The stripe tracks the card carries, as a bit set (bit `n - 1` = track `n`); `0` when
    /// not known. The denominator of a per-track finding counts only the cards carrying it.
    pub tracks: u8,
    /// Read on a motorised reader (the `profile` column names one whose capabilities say so,
    /// `device::open::capabilities`): the motor, not the operator, sets the card speed.
    pub motorised: bool,
}

impl Observation {
    /// From an attempts.csv row; `card` groups rows of one card, `reference` marks known-good
    /// cards.
    pub fn from_attempt(a: &Attempt, card: Option<usize>, reference: bool) -> Observation {
        let bank_text = match crate::bins::find_bank(&a.bank) {
            Some(b) => Text::new(b.short, b.zh),
            None => Text::same(a.bank.clone()),
        };
        Observation {
            card,
            label: Text::same(a.card_label.clone()),
            reference,
            bank: a.bank.clone(),
            bank_text,
            scheme: a.scheme.clone(),
            interface: a.interface,
            step: a.step.clone(),
            outcome: a.outcome,
            signal: a.signal.clone(),
            rc: a.rc.clone(),
            tracks: if a.interface == Interface::Swipe {
                tracks_in_detail(&a.detail)
            } else {
                0
            },
            motorised: crate::device::open::capabilities(&a.profile).is_some_and(|c| c.motorised),
        }
    }

    /// The observation with the tracks the card carries (from the deck).
    pub fn carrying(mut self, tracks: &[u8]) -> Observation {
        self.tracks = track_bits(tracks);
        self
    }

    /// Whether the attempt failed (FAIL; an ERROR could not be judged).
    pub fn failed(&self) -> bool {
        self.outcome == Outcome::Fail
    }

    /// A short reference for a conclusion's evidence, in both languages: `card 3 (ABC debit)
    /// swipe swipe#2: FAIL t2:blank`, with ` RC 51` when the host answered; in Chinese the
    /// card, interface, step and outcome are words and the signal is its meaning (`第 3 张卡
    /// （农业银行借记卡）刷卡 第 2 次刷卡：失败 磁道 2 空白`), the RC stays a code.
    pub fn evidence(&self) -> Text {
        let who = |lang: Lang| match self.card {
            Some(c) => tr_args(
                lang,
                "diagnosis-evidence-card",
                &[
                    ("card_no", Arg::from(c + 1)),
                    ("label", Arg::from(self.label.get(lang))),
                ],
            )
            .into_owned(),
            None => tr(lang, "diagnosis-evidence-run").into_owned(),
        };
        let rc = if self.rc.is_empty() {
            String::new()
        } else {
            format!(" RC {}", self.rc)
        };
        let en = format!(
            "{} {} {}: {} {}{rc}",
            who(Lang::En),
            self.interface,
            self.step,
            self.outcome,
            self.signal
        );
        // A track's signal names its track: the rows of one swipe differ only by it.
        let signal_zh = match &self.signal {
            Signal::Rc(_) => String::new(),
            s => {
                let meaning = crate::diagnosis::signals::classify(s).meaning.zh;
                match s.track_no() {
                    Some(t) => {
                        let args = [("track", Arg::from(t)), ("meaning", Arg::from(meaning))];
                        format!(
                            " {}",
                            tr_args(Lang::ZhCn, "diagnosis-evidence-track", &args)
                        )
                    }
                    None => format!(" {meaning}"),
                }
            }
        };
        let zh = format!(
            "{}{} {}：{}{signal_zh}{rc}",
            who(Lang::ZhCn),
            self.interface.name(Lang::ZhCn),
            crate::model::step_name(&self.step, Lang::ZhCn),
            self.outcome.name(Lang::ZhCn),
        );
        Text::new(en, zh)
    }
}

/// Whether every swipe among `v` failed (a swipe is its `swipe#k` rows; one failed row fails it).
fn swipe_all_failed(v: &[&Observation]) -> bool {
    let mut swipes: BTreeMap<&str, bool> = BTreeMap::new();
    for o in v.iter().filter(|o| o.step.starts_with("swipe")) {
        *swipes.entry(o.step.as_str()).or_default() |= o.failed();
    }
    !swipes.is_empty() && swipes.values().all(|f| *f)
}

/// The bit set of a list of tracks (1–3; others are ignored).
pub fn track_bits(tracks: &[u8]) -> u8 {
    tracks
        .iter()
        .filter(|t| (1..=3).contains(*t))
        .fold(0, |m, t| m | 1 << (t - 1))
}

/// The tracks a swipe row's detail lists (`t1 ok; t2 E4 LRC; …`): the swipe judge lists every
/// track the card carries and any other track that read, so the list is the card's tracks.
/// `0` when the detail lists none (a row written by another tool).
fn tracks_in_detail(detail: &str) -> u8 {
    detail
        .split("; ")
        .filter_map(|part| {
            let b = part.as_bytes();
            (b.len() > 3 && b[0] == b't' && b[2] == b' ' && (b'1'..=b'3').contains(&b[1]))
                .then(|| 1u8 << (b[1] - b'1'))
        })
        .fold(0, |m, bit| m | bit)
}

/// What the link itself showed during the run (counted by the engine from frame notes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Frames NAKed, resent, resynchronised or with a bad checksum.
    pub retries: u32,
    /// Of the link's trouble, what shows bytes arrived damaged (a bad checksum, garbage
    /// discarded, a resync, a NAK from the reader): a frozen reader never causes these.
    pub corrupted: u32,
    /// Frames exchanged in total (to judge the retry rate).
    pub frames: u32,
    /// Times the device was lost.
    pub lost: u32,
    pub reconnected: u32,
    /// The device stopped answering and did not come back.
    pub gave_up: bool,
}

/// Per-card, per-interface verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    /// Some attempts failed, some passed.
    Flaky,
    Fail,
    /// Not judged (skipped, errors only).
    Untested,
}

/// One card's attempts, by interface.
#[derive(Clone, Debug)]
pub struct CardView<'a> {
    pub label: Text,
    pub reference: bool,
    /// The first non-empty bank of the card's attempts.
    pub bank: String,
    pub bank_text: Text,
    /// The first non-empty scheme of the card's attempts.
    pub scheme: String,
    /// Attempts in run order, by interface.
    pub per_if: BTreeMap<Interface, Vec<&'a Observation>>,
}

impl<'a> CardView<'a> {
    /// How the card did on one interface.
    pub fn status(&self, i: Interface) -> Status {
        self.status_where(i, |_| true)
    }

    /// How the card did on one interface, counting only the attempts `keep` accepts (the
    /// card-level rule leaves out failures an earlier rule explained).
    pub fn status_where(&self, i: Interface, keep: impl Fn(&Observation) -> bool) -> Status {
        let Some(v) = self.per_if.get(&i) else {
            return Status::Untested;
        };
        let v: Vec<&Observation> = v.iter().copied().filter(|o| keep(o)).collect();
        let fails = v.iter().filter(|o| o.failed()).count();
        let passes = v.iter().filter(|o| o.outcome == Outcome::Pass).count();
        match (fails, passes) {
            (0, 0) => Status::Untested,
            (0, _) => Status::Pass,
            (_, 0) => Status::Fail,
            _ => {
                // Swipe attempts are per swipe: a card whose every swipe failed is a failure
                // even when the summary check rows passed.
                if i == Interface::Swipe && swipe_all_failed(&v) {
                    Status::Fail
                } else {
                    Status::Flaky
                }
            }
        }
    }

    /// The failed attempts on one interface, in run order.
    pub fn failures(&self, i: Interface) -> Vec<&'a Observation> {
        self.per_if
            .get(&i)
            .map(|v| v.iter().copied().filter(|o| o.failed()).collect())
            .unwrap_or_default()
    }

    /// Whether the card was judged on the interface (passed or failed at least once).
    pub fn tested(&self, i: Interface) -> bool {
        self.status(i) != Status::Untested
    }

    /// Whether the card carries stripe track `n`; `None` when its rows do not say.
    pub fn carries(&self, n: u8) -> Option<bool> {
        let known = self
            .per_if
            .values()
            .flatten()
            .fold(0u8, |m, o| m | o.tracks);
        (known != 0).then_some(known & track_bits(&[n]) != 0)
    }

    /// The card's bank group: the bank abbreviation, or the scheme in parentheses (`(Visa)`)
    /// when the bank is unknown.
    pub fn bank_key(&self) -> String {
        if self.bank.is_empty() {
            format!("({})", self.scheme)
        } else {
            self.bank.clone()
        }
    }
}

/// One terminal's observations as the rules read them.
#[derive(Clone, Debug)]
pub struct View<'a> {
    /// Every observation, in run order (run-level ones included).
    pub obs: &'a [Observation],
    /// Cards by deck position.
    pub cards: BTreeMap<usize, CardView<'a>>,
    pub link: &'a LinkStats,
}

impl<'a> View<'a> {
    /// Groups the observations by card and interface.
    pub fn new(obs: &'a [Observation], link: &'a LinkStats) -> View<'a> {
        let mut cards: BTreeMap<usize, CardView<'a>> = BTreeMap::new();
        for o in obs {
            let Some(c) = o.card else { continue };
            let v = cards.entry(c).or_insert_with(|| CardView {
                label: o.label.clone(),
                reference: o.reference,
                bank: o.bank.clone(),
                bank_text: o.bank_text.clone(),
                scheme: o.scheme.clone(),
                per_if: BTreeMap::new(),
            });
            if v.bank.is_empty() && !o.bank.is_empty() {
                v.bank = o.bank.clone();
                v.bank_text = o.bank_text.clone();
            }
            if v.scheme.is_empty() {
                v.scheme = o.scheme.clone();
            }
            v.per_if.entry(o.interface).or_default().push(o);
        }
        View { obs, cards, link }
    }

    /// The position of an observation in [`View::obs`] (how rules name the attempts they
    /// explain); `None` for an observation from elsewhere.
    pub fn index_of(&self, o: &Observation) -> Option<usize> {
        let size = std::mem::size_of::<Observation>();
        let off = (o as *const Observation as usize).checked_sub(self.obs.as_ptr() as usize)?;
        (off % size == 0 && off / size < self.obs.len()).then_some(off / size)
    }

    /// The card at a deck position. Panics on a position that has no observation: rules only
    /// ask for cards they found in `cards`.
    pub fn card(&self, i: usize) -> &CardView<'a> {
        &self.cards[&i]
    }

    /// Cards judged on an interface, in deck order.
    pub fn tested_on(&self, iface: Interface) -> Vec<usize> {
        self.cards
            .iter()
            .filter(|(_, c)| c.tested(iface))
            .map(|(i, _)| *i)
            .collect()
    }

    /// Cards with any attempt on an interface (judged or not), in deck order.
    pub fn attempted_on(&self, iface: Interface) -> Vec<usize> {
        self.cards
            .iter()
            .filter(|(_, c)| c.per_if.contains_key(&iface))
            .map(|(i, _)| *i)
            .collect()
    }

    /// `among` grouped by bank ([`CardView::bank_key`]), each group in deck order.
    pub fn by_bank(&self, among: &[usize]) -> BTreeMap<String, Vec<usize>> {
        let mut m: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &i in among {
            m.entry(self.card(i).bank_key()).or_default().push(i);
        }
        m
    }

    /// `among` grouped by scheme, each group in deck order; cards whose scheme is unknown are
    /// left out.
    pub fn by_scheme(&self, among: &[usize]) -> BTreeMap<String, Vec<usize>> {
        let mut m: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &i in among {
            let c = self.card(i);
            if !c.scheme.is_empty() {
                m.entry(c.scheme.clone()).or_default().push(i);
            }
        }
        m
    }
}

/// Observations for unit tests: a deck of six cards (two ICBC, CCB, ABC UnionPay cards, a
/// Visa and a Mastercard card without a bank; card 0 is the reference card).
#[cfg(test)]
pub(crate) mod testkit {
    use super::Observation;
    use crate::model::{Attempt, Interface, Outcome, Signal};

    /// (bank, scheme) per deck position.
    pub const DECK: [(&str, &str); 6] = [
        ("ICBC", "UnionPay"),
        ("ICBC", "UnionPay"),
        ("CCB", "UnionPay"),
        ("ABC", "UnionPay"),
        ("", "Visa"),
        ("", "Mastercard"),
    ];

    /// One observation of card `card`, made the way a run folder's row is
    /// ([`Observation::from_attempt`]); `signal` in its CSV spelling. A response-code signal
    /// fills the `rc` column too.
    pub fn obs(
        card: usize,
        iface: Interface,
        step: &str,
        outcome: Outcome,
        signal: &str,
    ) -> Observation {
        let (bank, scheme) = DECK[card];
        let signal = Signal::parse(signal);
        let row = Attempt {
            card_label: format!("card{card}"),
            bank: bank.into(),
            scheme: scheme.into(),
            interface: iface,
            step: step.into(),
            outcome,
            rc: signal.rc_code().unwrap_or_default().to_string(),
            signal,
            ..Attempt::default()
        };
        Observation::from_attempt(&row, Some(card), card == 0)
    }

    /// Every card of the default deck passing three swipes, ATR, SELECT and an authorisation
    /// (RC 00); `f` may change any observation.
    pub fn healthy(f: impl Fn(&mut Observation)) -> Vec<Observation> {
        let mut v = Vec::new();
        for c in 0..DECK.len() {
            for k in 1..=3 {
                let step = format!("swipe#{k}");
                v.push(obs(c, Interface::Swipe, &step, Outcome::Pass, "ok"));
            }
            v.push(obs(c, Interface::Chip, "atr", Outcome::Pass, "ok"));
            v.push(obs(c, Interface::Chip, "select", Outcome::Pass, "ok"));
            let mut auth = obs(c, Interface::Network, "auth", Outcome::Pass, "ok");
            auth.rc = "00".into();
            v.push(auth);
        }
        for o in &mut v {
            f(o);
        }
        v
    }

    /// Sets a failure with a signal in its CSV spelling (and the `rc` column for `rc:NN`).
    pub fn fail(o: &mut Observation, signal: &str) {
        o.outcome = Outcome::Fail;
        o.signal = Signal::parse(signal);
        o.rc = o.signal.rc_code().unwrap_or_default().to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::obs;
    use super::*;

    #[test]
    fn groups_by_card_interface_bank_and_scheme() {
        let v = vec![
            obs(0, Interface::Swipe, "swipe#1", Outcome::Pass, "ok"),
            obs(0, Interface::Swipe, "swipe#2", Outcome::Fail, "t2:lrc"),
            obs(1, Interface::Chip, "atr", Outcome::Fail, "mute"),
            obs(4, Interface::Chip, "atr", Outcome::Skip, "skipped"),
            obs(5, Interface::Network, "auth", Outcome::Pass, "ok"),
        ];
        let link = LinkStats::default();
        let view = View::new(&v, &link);
        assert_eq!(view.card(0).status(Interface::Swipe), Status::Flaky);
        assert_eq!(view.card(1).status(Interface::Chip), Status::Fail);
        assert_eq!(view.card(4).status(Interface::Chip), Status::Untested);
        assert_eq!(view.tested_on(Interface::Chip), vec![1]);
        assert_eq!(view.attempted_on(Interface::Chip), vec![1, 4]);
        let banks = view.by_bank(&[0, 1, 4, 5]);
        assert_eq!(banks["ICBC"], vec![0, 1]);
        assert_eq!(banks["(Visa)"], vec![4]);
        assert_eq!(view.by_scheme(&[0, 1, 4, 5])["UnionPay"], vec![0, 1]);
    }

    #[test]
    fn every_swipe_failing_is_a_failure_even_with_passing_checks() {
        let v = vec![
            obs(2, Interface::Swipe, "swipe#1", Outcome::Fail, "t2:blank"),
            obs(2, Interface::Swipe, "swipe#2", Outcome::Fail, "t2:blank"),
            obs(2, Interface::Swipe, "luhn", Outcome::Pass, "ok"),
        ];
        let link = LinkStats::default();
        let view = View::new(&v, &link);
        assert_eq!(view.card(2).status(Interface::Swipe), Status::Fail);
        assert_eq!(view.card(2).failures(Interface::Swipe).len(), 2);
    }
}
