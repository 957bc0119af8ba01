//! Loader targets: the files a user hands the bench (deck, scenario, host rules, stations, BIN
//! CSV, POS scenario, POS keys and parameters) and the address arguments. A file either fails to load with a
//! `LoadError`, or what it loaded works later: the simulators frame what the scenario says, the
//! rules decide, a station label is a usable folder name, and nothing printed holds a clear
//! card number or a terminal control character.

use super::{assert_no_clear_pan, text};
use cardbench::bins::BinTable;
use cardbench::codec::crt310::{Frame, FrameEvent, Framer};
use cardbench::codec::iso8583::Message;
use cardbench::codec::tlv;
use cardbench::deck::Deck;
use cardbench::device::emv::{TerminalConfig, TerminalData};
use cardbench::host::keys::KeyStore;
use cardbench::host::params::Params;
use cardbench::host::rules::{Context, Rules};
use cardbench::sim::crt310::Crt310Sim;
use cardbench::sim::msr605::Msr605Sim;
use cardbench::sim::scenario::Scenario;
use cardbench::sim::SimOptions;

/// A deck file: loads or is refused; a loaded deck's cards are shown and judged.
pub fn deck(data: &[u8]) {
    let Ok(d) = Deck::parse(&text(data), "fuzz.toml") else {
        return;
    };
    assert!(!d.cards.is_empty(), "a deck with no cards loaded");
    for c in d.summaries() {
        let _ = c.bank.get(cardbench::i18n::Lang::En);
    }
    for c in &d.cards {
        for i in &c.interfaces {
            let _ = c.expectation(*i);
        }
    }
}

/// A scenario file: loads or is refused; a loaded scenario drives both reader simulators
/// through what a checklist asks of its first cards (identity, track reads in both modes, IC
/// reset and the EMV APDUs; an MSR605 raw and ISO read), and every reply frames so the
/// driver's framer reads it back whole: a value the loader let through never makes a reply
/// that is cut or mis-sized.
pub fn scenario(data: &[u8]) {
    let Ok(sc) = Scenario::parse(&text(data), "fuzz.toml") else {
        return;
    };
    let _ = Deck::from_scenario(&sc, &BinTable::builtin());
    let cards = sc.cards.len().min(3);
    msr605_reads(Msr605Sim::from_scenario(&sc), cards);
    let mut sim = Crt310Sim::new(sc, SimOptions::default());
    for (cm, pm) in [(0x30, 0x30), (0x30, 0x3A), (0x31, 0x30)] {
        crt310_round_trip(&mut sim, Frame::new(cm, pm, Vec::new()));
    }
    for _ in 0..cards {
        crt310_card(&mut sim);
    }
}

/// The C-APDUs of a chip check: SELECT PSE and the common AIDs, GPO, READ RECORD over the
/// usual SFIs, GET RESPONSE, INTERNAL AUTHENTICATE, GENERATE AC.
const CHIP_SCRIPT: &[&str] = &[
    "00A404000E315041592E5359532E444446303100",
    "00A4040008A00000033301010100",
    "00A4040007A000000003101000",
    "00A4040007A000000004101000",
    "80A8000002830000",
    "00B2010C00",
    "00B2020C00",
    "00B2011400",
    "00B2021400",
    "00B2011C00",
    "00C0000000",
    "0088000004010203040000",
    "80AE80001D0000000001000000000000000001560000000000015625120100000000000000",
];

/// One card through the CRT-310 simulator: tracks (ASCII all three, binary one by one: three
/// binary tracks overflow the manual's 264 data bytes, and the driver reads ASCII), IC reset,
/// the chip script in T=0 and T=1 framing, eject.
fn crt310_card(sim: &mut Crt310Sim) {
    use cardbench::codec::crt310::{len16, MODE_ASCII, MODE_BINARY};
    for (mode, tracks) in [
        (MODE_ASCII, 0x37),
        (MODE_BINARY, 0x31),
        (MODE_BINARY, 0x32),
        (MODE_BINARY, 0x33),
    ] {
        crt310_round_trip(sim, Frame::new(0x45, 0x30, vec![mode, tracks]));
    }
    for (cm, pm) in [(0x32, 0x2F), (0x33, 0x30), (0x37, 0x30)] {
        crt310_round_trip(sim, Frame::new(cm, pm, Vec::new()));
    }
    for pm in [0x31, 0x32] {
        for hex in CHIP_SCRIPT {
            let capdu = cardbench::hexfmt::parse_hex(hex).unwrap();
            let mut d = len16(capdu.len()).to_vec();
            d.extend_from_slice(&capdu);
            crt310_round_trip(sim, Frame::new(0x37, pm, d));
        }
    }
    crt310_round_trip(sim, Frame::new(0x30, 0x31, Vec::new()));
}

fn crt310_round_trip(sim: &mut Crt310Sim, cmd: Frame) {
    let reply = sim.execute(&cmd);
    let mut f = Framer::new();
    // A reply too long for a frame does not encode: it does not frame either.
    f.push(&reply.encode().unwrap_or_default());
    match f.next_event() {
        Some(FrameEvent::Frame(got, _)) => assert_eq!(got, reply),
        other => panic!(
            "the simulator's reply to {:02X} {:02X} does not frame: {other:?}",
            cmd.cm, cmd.pm
        ),
    }
}

/// Raw and ISO reads of `cards` cards on the MSR605 simulator: each reply is one whole frame
/// of the reply the driver expects.
fn msr605_reads(mut sim: Msr605Sim, cards: usize) {
    use cardbench::codec::msr605::{parse, parse_command, CommandParse, Expect, Parsed};
    for _ in 0..cards {
        for (cmd, expect) in [(b"\x1bm", Expect::RawBlock), (b"\x1br", Expect::IsoBlock)] {
            let CommandParse::Command { command, .. } = parse_command(cmd) else {
                panic!("{cmd:?} is not an MSR605 command");
            };
            let Some(reply) = sim.handle(&command) else {
                continue;
            };
            match parse(expect, &reply) {
                Parsed::Frame { skipped, len, .. } => assert!(
                    skipped == 0 && len == reply.len(),
                    "the MSR605 simulator's read reply is not one frame: {reply:02X?}"
                ),
                other => panic!("the MSR605 simulator's read reply does not frame: {other:?}"),
            }
        }
    }
}

/// A host rules file: loads or is refused; loaded rules decide a purchase, an echo and a
/// reversal at several amounts.
pub fn host_rules(data: &[u8]) {
    let Ok(rules) = Rules::parse(&text(data)) else {
        return;
    };
    let ctx = Context {
        minute_of_day: 600,
        since_start_s: 90,
    };
    for amount in [
        "000000000000",
        "000000000051",
        "000000001251",
        "999999999999",
    ] {
        for mti in ["0200", "0100", "0400", "0800"] {
            let m = Message::new(mti)
                .with(2, "6222020000000000018")
                .with(3, "000000")
                .with(4, amount)
                .with(70, "301");
            let d = rules.decide(&m, &ctx);
            assert!(
                d.rc.len() == 2 && d.rc.bytes().all(|b| b.is_ascii_alphanumeric()),
                "rules decided an unusable response code {:?}",
                d.rc
            );
        }
    }
}

/// A stations file: loads or is refused; every loaded label is a usable folder name.
pub fn stations(data: &[u8]) {
    let Ok(list) = cardbench::batch::stations::parse_stations(&text(data), "fuzz.toml") else {
        return;
    };
    for s in &list {
        assert!(
            !s.label.is_empty() && s.label.len() <= 255,
            "label {:?} is no folder name",
            s.label
        );
        assert!(
            !s.label.chars().any(char::is_control),
            "label {:?} holds a control character",
            s.label
        );
        assert_no_clear_pan("station label", &s.label);
    }
}

/// A BIN CSV: loads or is refused; loaded rows answer lookups.
pub fn bin_csv(data: &[u8]) {
    let mut t = BinTable::builtin();
    if t.load_overrides_str(&text(data)).is_err() {
        return;
    }
    for pan in ["6222020000000000018", "4000000000000002", "62", ""] {
        let _ = t.lookup(pan);
    }
}

/// A POS terminal scenario (`cardbench sim pos`): loads or is refused.
pub fn pos_scenario(data: &[u8]) {
    let _ = cardbench::sim::pos::PosScenario::parse(&text(data));
}

/// Command-line addresses: each line as a `--host` and as a `--device` argument.
pub fn args(data: &[u8]) {
    for line in text(data).lines() {
        let _ = cardbench::host::HostSpec::parse(line);
        let _ = cardbench::device::DeviceAddress::parse(line);
    }
}

/// A POS keys file (the test master keys per terminal, the issuer keys): loads or is
/// refused; a loaded store gives any terminal its keys and their check values, and what it
/// says of itself holds no clear key.
pub fn keys(data: &[u8]) {
    let Ok(k) = KeyStore::parse(&text(data), "fuzz.toml") else {
        return;
    };
    for tid in ["", "20000001", "\u{1b}[2J"] {
        let t = k.terminal(tid);
        let kcv = t.tmk.check_value().to_string();
        assert!(kcv.len() <= 16, "check value {kcv:?}");
    }
    for pan in ["6222020000000000018", "4000000000000002", ""] {
        let _ = k.issuer(pan);
    }
}

/// A POS parameters file (the AIDs and CA public keys the host downloads): loads or is
/// refused; what a loaded file downloads is BER-TLV the bench's own decoder reads back.
pub fn params(data: &[u8]) {
    let Ok(p) = Params::parse(&text(data), "fuzz.toml") else {
        return;
    };
    for a in &p.aids {
        for t in [a.tlv(), a.list_tlv()] {
            assert!(
                tlv::parse(&t).is_ok(),
                "AID {} downloads bad TLV",
                a.aid_hex()
            );
        }
        let _ = p.aid(&a.aid);
    }
    for k in &p.ca_keys {
        for t in [k.tlv(), k.list_tlv()] {
            assert!(
                tlv::parse(&t).is_ok(),
                "CA key {} downloads bad TLV",
                k.name()
            );
        }
        let _ = k.checksum();
    }
}

/// A terminal file (`--terminal`): loads or is refused (a key file it names is never read
/// here); a loaded one gives terminal data that fills a DOL, and every listed AID's parameters
/// apply and are found again by their AID.
pub fn terminal(data: &[u8]) {
    let Ok(c) = TerminalConfig::parse(&text(data), "fuzz.toml", None) else {
        return;
    };
    let mut t = c.terminal_data(TerminalData::fixed());
    for a in &c.aids {
        assert!(
            (5..=16).contains(&a.aid.len()),
            "AID of {} bytes",
            a.aid.len()
        );
        assert!(a.target_percent <= a.max_target_percent && a.max_target_percent <= 99);
        assert!(
            c.params_for(&a.aid).is_some(),
            "a listed AID has no parameters"
        );
        a.apply(&mut t);
    }
    let filled = t.fill(&[0x9F, 0x33, 0x03, 0x9F, 0x1A, 0x02, 0x9F, 0x09, 0x02]);
    assert_eq!(filled.map(|v| v.len()).ok(), Some(7));
}
