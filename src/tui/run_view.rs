//! The run screen's data, fed by engine events: where the run stands, the deck, the tally
//! per card (the checklist matrix) and per bank (the bar chart), the link timeline, host
//! latencies, notes and the diagnosis. Counting is the report layer's tally; nothing here
//! draws or does I/O.

use super::ring::Ring;
use crate::checklist::{BenchEvent, Prompt, PromptAction};
use crate::deck::CardSummary;
use crate::diagnosis::Conclusion;
use crate::i18n::Text;
use crate::model::{Attempt, DeviceInfo, Interface, Outcome, RunEnd};
use crate::report::tally::{Counts, Members, Tally};
use crate::sensitive::{mask_clear_pans, redact_text};
use crate::trace::FrameRecord;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

/// Before `Started` arrives, attempts for card indexes below this still get a matrix row.
const MAX_ADHOC_CARDS: usize = 10_000;
/// Host latencies kept for the sparkline.
const LATENCY_CAP: usize = 1_000;
/// Notes kept (the prompt panel shows the newest).
const NOTES_CAP: usize = 64;

/// Where the run stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunState {
    /// Engine started, identity not known yet.
    Connecting,
    Running,
    Finished {
        all_passed: bool,
    },
    Aborted(crate::i18n::Text),
}

impl RunState {
    pub fn in_progress(&self) -> bool {
        matches!(self, RunState::Connecting | RunState::Running)
    }
}

/// One issuing bank of the bar chart: its judged attempts and its cards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankStat {
    pub name: Text,
    /// The bank's judged attempts (SKIP rows are not counted for a bank).
    pub counts: Counts,
    /// The bank's cards by deck position, tested and failed.
    pub members: Members<usize>,
}

impl BankStat {
    fn new(name: Text) -> Self {
        BankStat {
            name,
            counts: Counts::default(),
            members: Members::default(),
        }
    }

    /// Judged attempts (PASS, FAIL, ERROR).
    pub fn attempts(&self) -> u64 {
        self.counts.judged()
    }

    /// FAIL and ERROR attempts.
    pub fn failures(&self) -> u64 {
        self.counts.failures()
    }

    /// Cards of this bank with at least one judged attempt.
    pub fn cards(&self) -> usize {
        self.members.judged()
    }

    /// Cards of this bank with at least one FAIL or ERROR.
    pub fn failed_cards(&self) -> usize {
        self.members.failed()
    }
}

/// The run screen's data, fed by engine events.
#[derive(Clone, Debug)]
pub struct RunView {
    pub state: RunState,
    pub station: String,
    pub device: String,
    pub terminal: DeviceInfo,
    pub cards: Vec<CardSummary>,
    pub report_dir: Option<PathBuf>,
    /// Per card: its tally; indexed by matrix column (`cells[card][0]` is the swipe counts).
    pub cells: Vec<Tally>,
    /// Per card: the attempt rows (already masked by the engine).
    pub attempts: Vec<Vec<Attempt>>,
    /// Attempts about the run, not a card (the host echo test).
    pub run_attempts: Vec<Attempt>,
    pub prompt: Option<Prompt>,
    /// Time the current prompt has been shown (ticks).
    pub prompt_elapsed: Duration,
    /// The card the engine worked on last.
    pub current_card: Option<usize>,
    pub timeline: Ring<FrameRecord>,
    /// Banks in first-seen order.
    pub banks: Vec<BankStat>,
    /// Bank position by its English name.
    bank_index: HashMap<String, usize>,
    pub latencies: Vec<u64>,
    pub conclusions: Vec<Conclusion>,
    pub notes: Ring<Text>,
    pub device_lost: Option<String>,
    /// Every attempt of the run, run-level ones included.
    pub total: Counts,
    /// Widest card label (display columns) in English and Chinese, measured once at `Started`.
    pub label_width: [usize; 2],
    /// How the run ended, once it has.
    pub end: Option<RunEnd>,
}

impl RunView {
    pub fn new(device: &str, timeline_cap: usize) -> Self {
        RunView {
            state: RunState::Connecting,
            station: String::new(),
            device: device.to_string(),
            terminal: DeviceInfo::default(),
            cards: Vec::new(),
            report_dir: None,
            cells: Vec::new(),
            attempts: Vec::new(),
            run_attempts: Vec::new(),
            prompt: None,
            prompt_elapsed: Duration::ZERO,
            current_card: None,
            timeline: Ring::new(timeline_cap),
            banks: Vec::new(),
            bank_index: HashMap::new(),
            latencies: Vec::new(),
            conclusions: Vec::new(),
            notes: Ring::new(NOTES_CAP),
            device_lost: None,
            total: Counts::default(),
            label_width: [0, 0],
            end: None,
        }
    }

    /// Cards with at least one attempt.
    pub fn cards_done(&self) -> usize {
        self.cells.iter().filter(|t| t.total.attempts > 0).count()
    }

    /// Cards with at least one FAIL or ERROR (what the header and the end line count, not
    /// attempts).
    pub fn cards_failed(&self) -> usize {
        self.cells.iter().filter(|t| t.total.failures() > 0).count()
    }

    /// Cards of the deck the run did not reach (after it ended: "not tested").
    pub fn cards_not_tested(&self) -> usize {
        self.cards.len().saturating_sub(self.cards_done())
    }

    /// Takes in one engine event. Text from the engine is masked again here: a second line
    /// of defence before anything reaches the screen.
    pub fn apply(&mut self, ev: BenchEvent) {
        match ev {
            BenchEvent::Started(start) => {
                self.state = RunState::Running;
                self.cells = vec![Tally::default(); start.cards.len()];
                self.attempts = vec![Vec::new(); start.cards.len()];
                let widest = |f: fn(&CardSummary) -> &str| {
                    start
                        .cards
                        .iter()
                        .map(|c| crate::text::width(f(c)))
                        .max()
                        .unwrap_or(0)
                };
                self.label_width = [widest(|c| &c.label.en), widest(|c| &c.label.zh)];
                self.station = start.station;
                self.device = start.device;
                self.terminal = start.terminal;
                self.cards = start.cards;
                self.report_dir = Some(start.report_dir);
            }
            BenchEvent::Prompt(p) => {
                self.current_card = Some(p.card);
                self.prompt = Some(p);
                self.prompt_elapsed = Duration::ZERO;
            }
            BenchEvent::PromptCleared => self.prompt = None,
            BenchEvent::Frame(mut f) => {
                f.ascii = mask_clear_pans(&f.ascii);
                for l in f.layers.iter_mut().chain(f.layers_zh.iter_mut()) {
                    *l = mask_clear_pans(l);
                }
                self.timeline.push(f);
            }
            BenchEvent::Attempt {
                card,
                interface,
                outcome,
                row,
            } => {
                let mut row = *row;
                row.detail = mask_clear_pans(&row.detail);
                row.detail_zh = mask_clear_pans(&row.detail_zh);
                self.record_attempt(card, interface, outcome, row);
            }
            BenchEvent::Note(t) => {
                self.notes
                    .push(Text::new(redact_text(&t.en), redact_text(&t.zh)));
            }
            BenchEvent::DeviceLost(why) => self.device_lost = Some(redact_text(&why)),
            BenchEvent::Reconnected => {
                self.device_lost = None;
                self.notes.push(Text::tr("tui-device-reconnected"));
            }
            // In verdict order (the first is the terminal's verdict, as in terminals.csv and
            // `report summarize`), whatever order the sender used.
            BenchEvent::Diagnosis(mut c) => {
                crate::diagnosis::verdict::order(&mut c);
                self.conclusions = c;
            }
            BenchEvent::Exported(dir) => self.report_dir = Some(dir),
            BenchEvent::Finished {
                report_dir,
                all_passed,
                end,
            } => {
                self.state = RunState::Finished { all_passed };
                self.end = Some(end);
                self.report_dir = Some(report_dir);
                self.prompt = None;
            }
            BenchEvent::Aborted(why) => {
                self.state = RunState::Aborted(crate::i18n::Text::new(
                    redact_text(&why.en),
                    redact_text(&why.zh),
                ));
                self.prompt = None;
            }
        }
    }

    fn ensure_card(&mut self, card: usize) {
        if self.cells.len() <= card {
            self.cells.resize(card + 1, Tally::default());
            self.attempts.resize(card + 1, Vec::new());
        }
    }

    fn bank_of(&self, card: usize, row: &Attempt) -> Text {
        match self.cards.get(card) {
            Some(c) if !c.bank.en.is_empty() || !c.bank.zh.is_empty() => c.bank.clone(),
            _ if !row.bank.is_empty() => Text::same(row.bank.clone()),
            // Non-bank cards (Visa, Mastercard test cards) are grouped by scheme.
            Some(c) if !c.scheme.is_empty() => Text::same(c.scheme.clone()),
            _ if !row.scheme.is_empty() => Text::same(row.scheme.clone()),
            _ => Text::tr("tui-unknown-bank"),
        }
    }

    fn bank_mut(&mut self, bank: Text) -> &mut BankStat {
        let idx = match self.bank_index.get(&bank.en) {
            Some(&i) => i,
            None => {
                self.bank_index.insert(bank.en.clone(), self.banks.len());
                self.banks.push(BankStat::new(bank));
                self.banks.len() - 1
            }
        };
        &mut self.banks[idx]
    }

    fn record_attempt(
        &mut self,
        card: Option<usize>,
        interface: Interface,
        outcome: Outcome,
        row: Attempt,
    ) {
        // Run-level attempts (the echo test) carry no card; an index past the deck is treated
        // the same way rather than growing the matrix.
        let in_deck = card
            .filter(|&c| c < self.cards.len() || (self.cards.is_empty() && c < MAX_ADHOC_CARDS));
        self.total.add(outcome);
        // On a POS every latency is the host's round trip (the bench answering the terminal),
        // sales included; on a reader, only the network checks'.
        if interface == Interface::Network
            || self.terminal.profile == crate::device::open::POS_PROFILE
        {
            if let Some(ms) = row.latency_ms {
                if self.latencies.len() == LATENCY_CAP {
                    self.latencies.remove(0);
                }
                self.latencies.push(ms);
            }
        }
        let Some(card) = in_deck else {
            self.run_attempts.push(row);
            return;
        };
        self.ensure_card(card);
        self.cells[card].record(interface, outcome, row.family);
        if outcome != Outcome::Skip {
            let bank = self.bank_of(card, &row);
            let b = self.bank_mut(bank);
            b.counts.add(outcome);
            b.members.add(&card, Some(outcome));
        }
        self.current_card = Some(card);
        self.attempts[card].push(row);
    }
}

/// Which interface a prompt is about.
pub fn prompt_col(a: PromptAction) -> usize {
    match a {
        PromptAction::Swipe => 0,
        PromptAction::Insert | PromptAction::Remove => 1,
        PromptAction::Host => 2,
    }
}
