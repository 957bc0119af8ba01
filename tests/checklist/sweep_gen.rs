//! The scenario generator (seeded): a random deck (banks, schemes, tracks, chip or stripe
//! only) on a reader profile, with one random fault or a random pair of independent faults on
//! different layers, drawn from every simulator knob, card defect and host rule — each with the
//! family and culprit the diagnosis must name. `sweep.rs` runs the cases and scores them.

use cardbench::model::Family;
use cardbench::sim::scenario::{CardSpec, Rng, Scenario};

/// A reader profile of the sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Crt310,
    Msr605,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Crt310 => "crt310",
            Profile::Msr605 => "msr605",
        }
    }
}

/// Where a fault lives; a pair takes its two faults from two layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    /// A card or its account.
    Card,
    /// The terminal: hardware, software, the reader's link.
    Terminal,
    /// One bank's host or policy.
    Bank,
    /// The host link or the acquirer, every bank alike.
    Network,
}

/// What the diagnosis must conclude for one injected fault.
#[derive(Clone, Debug)]
pub struct Expect {
    pub family: Family,
    /// A piece of the culprit's English text (`(CCB debit 2)`, `magnetic head (track 3)`).
    pub culprit: String,
}

/// One injected fault: its knob, its layer, what the diagnosis must say.
#[derive(Clone, Debug)]
pub struct Fault {
    pub knob: String,
    pub layer: Layer,
    pub expect: Expect,
    /// Stops the reader for good (freeze, permanent unplug): placed on the last card.
    pub kills: bool,
    /// Drops the line and comes back: placed by the runner on a command the bench can repeat
    /// (a read), not just before a "done with this card" command that a dying line would
    /// swallow — the simulator would then present the card after the one the bench expects.
    pub replug: bool,
}

/// One generated case: a scenario, host rules, the faults in it.
#[derive(Clone, Debug)]
pub struct Case {
    pub id: String,
    pub profile: Profile,
    pub scenario: Scenario,
    /// The host simulator's rules (TOML).
    pub rules: String,
    pub faults: Vec<Fault>,
}

impl Case {
    /// Whether only bank-side faults (a bank, the network, an account) are injected.
    pub fn bank_side_only(&self) -> bool {
        self.faults.iter().all(|f| {
            matches!(f.layer, Layer::Bank | Layer::Network) || f.expect.family == Family::Acct
        })
    }
}

/// Banks of the generated decks: code, a debit BIN of it and the PAN length.
const BANKS: [(&str, &str, usize); 10] = [
    ("ICBC", "621226", 19),
    ("CCB", "621700", 19),
    ("ABC", "622848", 19),
    ("BOC", "621661", 19),
    ("CMB", "622588", 16),
    ("COMM", "620013", 16),
    ("PSBC", "620062", 19),
    ("CITIC", "620082", 16),
    ("CEB", "620085", 16),
    ("CIB", "622909", 18),
];

/// A generated card before it becomes a `CardSpec`.
#[derive(Clone, Debug)]
pub struct Planned {
    pub label: String,
    /// Bank code, empty for a foreign card.
    pub bank: &'static str,
    pub scheme: &'static str,
    pub tracks: Vec<u8>,
    pub chip: bool,
}

fn luhn_digit(body: &str) -> char {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    char::from(b'0' + ((10 - sum % 10) % 10) as u8)
}

/// A Luhn-valid PAN on `bin` whose BIN-table bank is `bank` (retries the random digits until
/// the table agrees: a longer prefix of another bank may shadow a random PAN).
fn pan(rng: &mut Rng, bin: &str, len: usize, bank: &str) -> String {
    let table = cardbench::bins::BinTable::builtin();
    loop {
        let mut body = bin.to_string();
        while body.len() < len - 1 {
            body.push(char::from(b'0' + rng.below(10) as u8));
        }
        let p = format!("{body}{}", luhn_digit(&body));
        let ok = bank.is_empty()
            || table
                .lookup(&p)
                .is_some_and(|e| e.bank_code.eq_ignore_ascii_case(bank));
        if ok {
            return p;
        }
    }
}

/// A random deck of 6–8 cards: the reference card first (ICBC), at least one bank with two
/// or more cards, sometimes a Visa and a Mastercard card, some cards carrying track 3, some
/// stripe-only on the chip reader.
pub fn deck(rng: &mut Rng, profile: Profile) -> Vec<Planned> {
    let n = 6 + rng.below(3) as usize;
    let mut v = vec![Planned {
        label: "Reference UnionPay debit".into(),
        bank: "ICBC",
        scheme: "UnionPay",
        tracks: if rng.chance(0.4) {
            vec![1, 2, 3]
        } else {
            vec![1, 2]
        },
        chip: profile == Profile::Crt310,
    }];
    let foreign = rng.below(3) as usize; // 0–2 Visa / Mastercard cards
    let twice = BANKS[rng.below(BANKS.len() as u64) as usize].0;
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    while v.len() < n {
        let k = v.len();
        let (bank, scheme) = if k == 1 || k == 2 {
            (twice, "UnionPay")
        } else if k >= n - foreign {
            ("", if k % 2 == 0 { "Visa" } else { "Mastercard" })
        } else {
            (BANKS[rng.below(BANKS.len() as u64) as usize].0, "UnionPay")
        };
        let count = counts
            .entry(if bank.is_empty() { scheme } else { bank })
            .or_default();
        *count += 1;
        let label = if bank.is_empty() {
            format!("{scheme} credit {count}")
        } else {
            format!("{bank} debit {count}")
        };
        v.push(Planned {
            label,
            bank,
            scheme,
            tracks: if rng.chance(0.3) {
                vec![1, 2, 3]
            } else {
                vec![1, 2]
            },
            chip: profile == Profile::Crt310 && !rng.chance(0.15),
        });
    }
    v
}

/// The scenario of a deck, on the profile's default scenario (device identity, apps).
pub fn scenario(rng: &mut Rng, profile: Profile, deck: &[Planned], seed: u64) -> Scenario {
    let base = Scenario::builtin(&format!("{}-default", profile.name())).expect("builtin");
    let template = |scheme: &str| -> CardSpec {
        let crt = Scenario::builtin("crt310-default").expect("builtin");
        let pick = match scheme {
            "Visa" => "Visa credit",
            "Mastercard" => "Mastercard credit",
            _ => "ICBC debit",
        };
        crt.cards
            .into_iter()
            .find(|c| c.label == pick)
            .expect("template card")
    };
    let mut sc = base.clone();
    sc.scenario.name = format!("sweep-{seed}");
    sc.scenario.seed = seed;
    sc.device.think_time_ms = 0;
    sc.cards = deck
        .iter()
        .map(|p| {
            let mut c = template(p.scheme);
            c.label = p.label.clone();
            c.label_zh = Some(p.label.clone());
            c.pan = match (p.bank, p.scheme) {
                ("", "Visa") => pan(rng, "476173", 16, ""),
                ("", _) => pan(rng, "541333", 16, ""),
                (_, _) if p.label.starts_with("Reference") => pan(rng, "622202", 19, "ICBC"),
                (bank, _) => {
                    let (_, bin, len) = BANKS.iter().find(|b| b.0 == bank).expect("bank");
                    pan(rng, bin, *len, bank)
                }
            };
            c.tracks = p.tracks.clone();
            if !p.chip {
                c.apps.clear();
            }
            c
        })
        .collect();
    sc
}

/// One fault's effect on a case being built.
pub struct Build<'a> {
    pub rng: &'a mut Rng,
    pub profile: Profile,
    pub deck: &'a [Planned],
    pub sc: &'a mut Scenario,
    pub rules: &'a mut Vec<String>,
    /// Cards a card fault may not take (already used by the other fault).
    pub taken: &'a mut Vec<usize>,
    /// Banks a bank fault may not take.
    pub banks_taken: &'a mut Vec<&'static str>,
    /// The other fault's knob, to avoid pairs that hide one another.
    pub other: Option<&'a Fault>,
}

impl Build<'_> {
    /// Cards before this position can carry a fault: all of them, or all but the last two
    /// when the other fault stops the reader on the last card.
    pub fn usable(&self) -> usize {
        if self.other.is_some_and(|f| f.kills) {
            self.deck.len().saturating_sub(2)
        } else {
            self.deck.len()
        }
    }

    /// A random card (never the reference card) that `ok` accepts and no fault took.
    pub fn pick(&mut self, ok: impl Fn(usize, &Planned) -> bool) -> Option<usize> {
        let c: Vec<usize> = (1..self.usable())
            .filter(|i| !self.taken.contains(i) && ok(*i, &self.deck[*i]))
            .collect();
        if c.is_empty() {
            return None;
        }
        let i = c[self.rng.below(c.len() as u64) as usize];
        self.taken.push(i);
        Some(i)
    }

    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        let x = lo + (hi - lo) * self.rng.unit();
        (x * 1000.0).round() / 1000.0
    }

    pub fn other_is(&self, prefix: &str) -> bool {
        self.other.is_some_and(|f| f.knob.starts_with(prefix))
    }

    /// The track the other fault's head knob hits, if any.
    pub fn head_track(&self) -> Option<u8> {
        let f = self.other?;
        let t = f.knob.split("track=").nth(1)?;
        t.chars().next()?.to_digit(10).map(|d| d as u8)
    }
}

pub fn fault(knob: String, layer: Layer, family: Family, culprit: impl Into<String>) -> Fault {
    Fault {
        knob,
        layer,
        expect: Expect {
            family,
            culprit: culprit.into(),
        },
        kills: false,
        replug: false,
    }
}

/// The kinds of fault, by layer; each function injects one or says it cannot here.
pub type Inject = fn(&mut Build) -> Option<Fault>;

/// The kinds of fault the generator draws from, with their layer.
pub fn kinds() -> Vec<(&'static str, Layer, Inject)> {
    use super::sweep_faults as f;
    vec![
        ("card defect", Layer::Card, f::card_defect),
        ("account code", Layer::Card, f::account_code),
        ("head", Layer::Terminal, f::head),
        ("contacts", Layer::Terminal, f::contacts),
        ("line noise", Layer::Terminal, f::line_noise),
        ("reader stops", Layer::Terminal, f::reader_stops),
        ("unplug and replug", Layer::Terminal, f::unplug_replug),
        ("AID list", Layer::Terminal, f::aid_list),
        ("bank host", Layer::Bank, f::bank_host),
        ("network", Layer::Network, f::network),
    ]
}

/// Whether two kinds make an independent pair: different layers, and neither hides the other
/// by construction (every bank failing hides one bank's outage and an account's decline).
fn pairable(a: (&str, Layer), b: (&str, Layer)) -> bool {
    let hides = |x: (&str, Layer), y: (&str, Layer)| {
        x.1 == Layer::Network && (y.1 == Layer::Bank || y.0 == "account code")
    };
    a.1 != b.1 && !hides(a, b) && !hides(b, a)
}

/// The case for `seed`: one fault (`pair` false) or two (`pair` true), on the reader profile
/// the seed's parity picks.
pub fn case(seed: u64, pair: bool) -> Case {
    let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9) ^ u64::from(pair));
    let profile = if seed % 2 == 0 {
        Profile::Crt310
    } else {
        Profile::Msr605
    };
    let all = kinds();
    loop {
        let deck = deck(&mut rng, profile);
        let mut sc = scenario(&mut rng, profile, &deck, seed);
        let mut picks = vec![all[rng.below(all.len() as u64) as usize]];
        if pair {
            let first = picks[0];
            let others: Vec<_> = all
                .iter()
                .copied()
                .filter(|k| pairable((first.0, first.1), (k.0, k.1)))
                .collect();
            picks.push(others[rng.below(others.len() as u64) as usize]);
            // A fault that stops the reader goes first: the other one keeps off the last cards.
            picks.sort_by_key(|k| k.0 != "reader stops");
        }
        let (mut rules, mut taken, mut banks_taken) = (Vec::new(), Vec::new(), Vec::new());
        let mut faults: Vec<Fault> = Vec::new();
        for (_, _, inject) in &picks {
            let mut b = Build {
                rng: &mut rng,
                profile,
                deck: &deck,
                sc: &mut sc,
                rules: &mut rules,
                taken: &mut taken,
                banks_taken: &mut banks_taken,
                other: faults.first(),
            };
            match inject(&mut b) {
                Some(f) => faults.push(f),
                None => break,
            }
        }
        if faults.len() == picks.len() {
            let knobs: Vec<&str> = faults.iter().map(|f| f.knob.as_str()).collect();
            return Case {
                id: format!("{}#{seed}: {}", profile.name(), knobs.join(" + ")),
                profile,
                scenario: sc,
                rules: rules.join("\n"),
                faults,
            };
        }
    }
}
