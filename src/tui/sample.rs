//! Synthetic engine event streams (a demo-like run with a demagnetised card, an expired card
//! and one bank's host down) for tests, snapshots and the frame benchmark: the UI can be
//! exercised without a device or an engine. Card data here is synthetic and already masked.

use crate::checklist::{BenchEvent, Prompt, PromptAction, RunStart};
use crate::deck::CardSummary;
use crate::device::emv::describe_capdu_in;
use crate::diagnosis::{Conclusion, Confidence};
use crate::i18n::{t, Lang, Text};
use crate::model::Family;
use crate::model::{Attempt, DeviceInfo, Interface, Outcome};
use crate::trace::{Direction, FrameRecord};
use std::path::PathBuf;

/// (label en, label zh, bank en, bank zh, masked PAN, reference)
const CARDS: [(&str, &str, &str, &str, &str, bool); 8] = [
    (
        "Reference ICBC debit",
        "参考卡 工商银行借记卡",
        "ICBC",
        "工商银行",
        "621226******0018",
        true,
    ),
    (
        "CCB credit",
        "建设银行信用卡",
        "CCB",
        "建设银行",
        "625362******0026",
        false,
    ),
    (
        "ABC debit",
        "农业银行借记卡",
        "ABC",
        "农业银行",
        "622848******0034",
        false,
    ),
    (
        "BOC debit",
        "中国银行借记卡",
        "BOC",
        "中国银行",
        "621661******0042",
        false,
    ),
    (
        "CMB credit",
        "招商银行信用卡",
        "CMB",
        "招商银行",
        "622575******0059",
        false,
    ),
    (
        "BOC credit",
        "中国银行信用卡",
        "BOC",
        "中国银行",
        "625907******0067",
        false,
    ),
    (
        "BOCOM debit",
        "交通银行借记卡",
        "BOCOM",
        "交通银行",
        "622260******0075",
        false,
    ),
    (
        "PSBC debit",
        "邮储银行借记卡",
        "PSBC",
        // The longest bank name of the built-in table: the bank chart must not cut it.
        "中国邮政储蓄银行",
        "621799******0083",
        false,
    ),
];

/// The deck of the synthetic run (`n` cards, cycling through eight Chinese bank cards).
pub fn cards(n: usize) -> Vec<CardSummary> {
    (0..n)
        .map(|i| {
            let (en, zh, ben, bzh, _, reference) = CARDS[i % CARDS.len()];
            let (en, zh) = if i < CARDS.len() {
                (en.to_string(), zh.to_string())
            } else {
                (format!("{en} #{}", i + 1), format!("{zh} #{}", i + 1))
            };
            CardSummary {
                index: i,
                label: Text::new(en, zh),
                bank: Text::new(ben, bzh),
                scheme: "UnionPay".into(),
                reference: reference && i == 0,
                interfaces: Interface::ALL.to_vec(),
            }
        })
        .collect()
}

/// The `Started` event of the synthetic run.
pub fn started(n: usize) -> BenchEvent {
    BenchEvent::Started(RunStart {
        station: "demo".into(),
        device: "crt310:sim".into(),
        terminal: DeviceInfo {
            profile: "crt310".into(),
            model: "CRT-310".into(),
            firmware: "V3.2".into(),
            serial: "SIM00001".into(),
        },
        cards: cards(n),
        report_dir: PathBuf::from("reports/demo-20260101-120000"),
    })
}

/// A prompt for card `i` of `n`.
pub fn prompt(i: usize, n: usize, action: PromptAction) -> BenchEvent {
    let (en, zh, ..) = CARDS[i % CARDS.len()];
    let (ven, vzh) = match action {
        PromptAction::Swipe => ("Swipe card", "请刷卡"),
        PromptAction::Insert => ("Insert card", "请插卡"),
        PromptAction::Remove => ("Remove card", "请取出卡片"),
        PromptAction::Host => ("Authorising card", "正在授权"),
    };
    BenchEvent::Prompt(Prompt {
        card: i,
        total: n,
        action,
        text: Text::new(
            format!("{ven} {} of {n} — {en}", i + 1),
            format!("{vzh} — 第 {}/{n} 张 {zh}", i + 1),
        ),
        timeout_s: 60,
    })
}

/// A timeline line; `k` makes the timestamp and bytes vary. The Chinese layers come from the
/// catalogue messages the real decoders use (C-APDU names, R-APDU, the CRT-310 command names,
/// RC meanings), so a zh-CN screen of the sample reads as a live run's would.
pub fn frame(k: usize) -> FrameRecord {
    let ms = k % 1000;
    let s = (k / 1000) % 60;
    let at = format!(
        "2026-01-01T12:{:02}:{s:02}.{ms:03}+08:00",
        (k / 60_000) % 60
    );
    let zh = Lang::ZhCn;
    let (link, dir, hex, ascii, layers) = match k % 3 {
        0 => (
            "crt310:sim",
            Direction::Tx,
            "02 00 07 43 51 30 00 A4 04 00 05 03 B2",
            "...CQ0.......",
            vec![
                Text::same("CRT-310 C Q0 (IC APDU, T=0)"),
                Text::new(
                    "APDU SELECT by name, Le absent",
                    format!("C-APDU {}", describe_capdu_in(&SAMPLE_SELECT, zh)),
                ),
            ],
        ),
        1 => (
            "crt310:sim",
            Direction::Rx,
            "02 00 06 50 51 30 59 90 00 03 86",
            "...PQ0Y....",
            vec![
                Text::new(
                    "CRT-310 P Q0 status Y",
                    format!(
                        "CRT-310 P Q0 {} P=Y",
                        t!(zh, "devices-crt310-cmd-reader-status")
                    ),
                ),
                Text::new(
                    "R-APDU SW 9000 (OK)",
                    t!(zh, "devices-layer-rapdu", bytes = 0, sw = "90 00"),
                ),
                Text::new(
                    "TLV 6F FCI: 84 AID A000000333010101, 50 \"UnionPay Debit\"",
                    "TLV 6F: 84 AID A000000333010101, 50 「UnionPay Debit」",
                ),
            ],
        ),
        _ => (
            "host sim",
            Direction::Rx,
            "00 2E 30 32 31 30 72 38 00 01 0E C0 80 00",
            ".\u{2e}0210r8......",
            vec![Text::new(
                "ISO 8583 0210 STAN 000123 RC 00 approved, PAN 621226******0018",
                format!(
                    "ISO 8583 0210 STAN 000123 RC 00 {}，PAN 621226******0018",
                    t!(zh, "codes-rc-00")
                ),
            )],
        ),
    };
    let mut f = FrameRecord::frame_text(link, dir, hex.into(), ascii.into(), layers);
    f.at = at;
    f
}

/// The SELECT of the sample's first frame (EMV Book 1 §11.3.2), UnionPay debit's AID.
const SAMPLE_SELECT: [u8; 13] = [
    0x00, 0xA4, 0x04, 0x00, 0x08, 0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x01,
];

/// One synthetic check's judgement: outcome, family, signal and detail as the engine spells
/// them, and for network checks the latency and response code.
struct Check {
    outcome: Outcome,
    family: Option<Family>,
    signal: &'static str,
    detail: &'static str,
    latency_ms: Option<u64>,
    rc: &'static str,
}

impl Check {
    fn new(
        outcome: Outcome,
        family: Option<Family>,
        signal: &'static str,
        detail: &'static str,
    ) -> Self {
        Check {
            outcome,
            family,
            signal,
            detail,
            latency_ms: None,
            rc: "",
        }
    }

    fn with_host_reply(mut self, latency_ms: u64, rc: &'static str) -> Self {
        self.latency_ms = Some(latency_ms);
        self.rc = rc;
        self
    }
}

fn attempt(i: usize, itf: Interface, step: &str, c: Check) -> BenchEvent {
    let (en, _, ben, _, pan, _) = CARDS[i % CARDS.len()];
    BenchEvent::Attempt {
        card: Some(i),
        interface: itf,
        outcome: c.outcome,
        row: Box::new(Attempt {
            time: "2026-01-01T12:00:00.000+08:00".into(),
            station: "demo".into(),
            card_label: en.into(),
            masked_pan: pan.into(),
            bin: pan[..6].into(),
            bank: ben.into(),
            scheme: "UnionPay".into(),
            interface: itf,
            step: step.into(),
            outcome: c.outcome,
            family: c.family,
            signal: crate::model::Signal::parse(c.signal),
            detail: c.detail.into(),
            latency_ms: c.latency_ms,
            rc: c.rc.into(),
            ..Attempt::default()
        }),
    }
}

/// The swipe check of deck position `which`: ABC's stripe is blank, CMB's card expired.
fn swipe_check(which: usize) -> Check {
    match which {
        2 => Check::new(
            Outcome::Fail,
            Some(Family::Card),
            "blank",
            "track 2 blank (E5): demagnetised stripe",
        ),
        4 => Check::new(
            Outcome::Fail,
            Some(Family::Card),
            "expired",
            "card expired 2401",
        ),
        _ => Check::new(Outcome::Pass, None, "ok", ""),
    }
}

/// The chip check: CMB's card is expired on the chip too.
fn chip_check(which: usize) -> Check {
    match which {
        4 => Check::new(
            Outcome::Fail,
            Some(Family::Card),
            "expired",
            "5F24 expiry 240131 is past",
        ),
        _ => Check::new(Outcome::Pass, None, "ok", "AID A000000333010101"),
    }
}

/// The network check of card `i`: BOC's host answers RC 91, ABC has no card data to send.
fn network_check(i: usize, which: usize) -> Check {
    let latency = 80 + ((i * 37) % 140) as u64;
    match which {
        3 | 5 => Check::new(
            Outcome::Fail,
            Some(Family::Bank),
            "rc:91",
            "RC 91 issuer unavailable",
        )
        .with_host_reply(latency, "91"),
        2 => Check::new(
            Outcome::Skip,
            None,
            "no_card_data",
            "no card data to authorise",
        ),
        _ => Check::new(Outcome::Pass, None, "rc:00", "approved").with_host_reply(latency, "00"),
    }
}

/// The attempts of card `i`: ABC (index 2) has a demagnetised stripe, CMB (4) is expired,
/// BOC (3 and 5) get RC 91 from the host.
pub fn card_attempts(i: usize) -> Vec<BenchEvent> {
    let which = i % CARDS.len();
    let mut v: Vec<BenchEvent> = (1..=2)
        .map(|s| {
            attempt(
                i,
                Interface::Swipe,
                &format!("swipe#{s}"),
                swipe_check(which),
            )
        })
        .collect();
    v.push(attempt(i, Interface::Chip, "chip", chip_check(which)));
    v.push(attempt(
        i,
        Interface::Network,
        "auth",
        network_check(i, which),
    ));
    v
}

/// The diagnosis of the synthetic run.
pub fn conclusions() -> Vec<Conclusion> {
    vec![
        Conclusion {
            rule: "R3".into(),
            family: Family::Bank,
            culprit: Text::new("BOC (Bank of China)", "中国银行"),
            finding: Text::new(
                "Only BOC cards fail at the host (RC 91 issuer unavailable); every other bank approves.",
                "只有中国银行的卡在主机端失败（RC 91 发卡行不可用）；其他银行均批准。",
            ),
            action: Text::new(
                "Not a terminal fault: check BOC's host status or retry later.",
                "不是终端故障：请确认中国银行主机状态或稍后重试。",
            ),
            confidence: Confidence::High,
            evidence: vec![
                Text::new("card 4 network auth: RC 91", "第 4 张卡 网络 授权：应答码 91"),
                Text::new("card 6 network auth: RC 91", "第 6 张卡 网络 授权：应答码 91"),
                Text::new(
                    "cards 1, 2, 5, 7, 8 network auth: RC 00",
                    "第 1、2、5、7、8 张卡 网络 授权：应答码 00",
                ),
            ],
        },
        Conclusion {
            rule: "R1".into(),
            family: Family::Card,
            culprit: Text::new("card 3 ABC debit", "第 3 张 农业银行借记卡"),
            finding: Text::new(
                "The stripe reads blank on every swipe while other cards read fine: demagnetised.",
                "该卡每次刷卡磁道均为空白，而其他卡读取正常：磁条已消磁。",
            ),
            action: Text::new("Replace the card.", "更换此卡。"),
            confidence: Confidence::High,
            evidence: vec![
                Text::new("card 3 swipe#1: blank track 2", "第 3 张卡 刷卡 第 1 次：磁道 2 空白"),
                Text::new("card 3 swipe#2: blank track 2", "第 3 张卡 刷卡 第 2 次：磁道 2 空白"),
            ],
        },
        Conclusion {
            rule: "R1".into(),
            family: Family::Card,
            culprit: Text::new("card 5 CMB credit", "第 5 张 招商银行信用卡"),
            finding: Text::new(
                "The card is expired (stripe and chip agree).",
                "该卡已过期（磁条与芯片一致）。",
            ),
            action: Text::new("Use an in-date test card.", "请使用有效期内的测试卡。"),
            confidence: Confidence::High,
            evidence: vec![
                Text::new("card 5 swipe#1: expired 2401", "第 5 张卡 刷卡 第 1 次：已过期 2401"),
                Text::new("card 5 chip: 5F24 240131", "第 5 张卡 芯片：5F24 240131"),
            ],
        },
    ]
}

/// A whole synthetic run of `n` cards: started, per card prompts + frames + attempts, the
/// diagnosis and `Finished`.
pub fn full_run(n: usize) -> Vec<BenchEvent> {
    let mut v = vec![started(n)];
    let mut k = 0;
    for i in 0..n {
        v.push(prompt(i, n, PromptAction::Swipe));
        for _ in 0..3 {
            v.push(BenchEvent::Frame(frame(k)));
            k += 1;
        }
        v.push(BenchEvent::PromptCleared);
        v.extend(card_attempts(i));
    }
    v.push(BenchEvent::Diagnosis(conclusions()));
    v.push(BenchEvent::Finished {
        report_dir: PathBuf::from("reports/demo-20260101-120000"),
        all_passed: false,
        end: crate::model::RunEnd::Complete,
    });
    v
}
