//! Diagnosis: per attempt, observed signal → cause family → action (a table kept as data,
//! from diagnosis.md §2); per terminal, reasoning across cards (rules R1–R9 of diagnosis.md §3).
//!
//! Signal codes are the `signal` column of attempts.csv (docs/diagnosis.md lists them). Track
//! signals carry the track as a prefix (`t2:lrc`), response codes as `rc:51`, status words as
//! `sw6a82`.

use crate::codec::iso8583::rc::RcClass;
use crate::i18n::Text;
use crate::model::Family;
use crate::model::{Attempt, Interface, Outcome, Signal, TrackFault};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// How sure a conclusion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// One verdict about one terminal: where the fault is, why, and what to do.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conclusion {
    /// Rule that fired (`R2`, `R4`, …).
    pub rule: String,
    pub family: Family,
    /// What is at fault: a card label, a bank, "swipe head", "AID list"…
    pub culprit: Text,
    /// One sentence: the finding.
    pub finding: Text,
    /// What to do next.
    pub action: Text,
    pub confidence: Confidence,
    /// The attempts behind it, as short references (`card 3 swipe#2: E5 blank track 2`).
    pub evidence: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Per attempt: the signal table (data).

/// One row of the signal table: a signal code, the diagnosis.md §2 row it comes from, the
/// family (and the second family the signal alone allows), meaning and action.
#[derive(Clone, Copy, Debug)]
pub struct SignalRow {
    pub code: &'static str,
    /// diagnosis.md §2 row number (0 = bench-internal signal).
    pub row: u8,
    pub family: Family,
    pub alt: Option<Family>,
    pub meaning_en: &'static str,
    pub meaning_zh: &'static str,
    pub action_en: &'static str,
    pub action_zh: &'static str,
    /// Looks like hardware (R3 may blame the terminal when it hits every card).
    pub hardware_like: bool,
}

macro_rules! sig {
    ($code:expr, $row:expr, $fam:ident, $alt:expr, $hw:expr, $men:expr, $mzh:expr, $aen:expr, $azh:expr) => {
        SignalRow {
            code: $code,
            row: $row,
            family: Family::$fam,
            alt: $alt,
            hardware_like: $hw,
            meaning_en: $men,
            meaning_zh: $mzh,
            action_en: $aen,
            action_zh: $azh,
        }
    };
}

/// Observed signal → family → action (diagnosis.md §2). Response codes are classed by the
/// catalogue in `codec::iso8583::rc`.
pub const SIGNALS: &[SignalRow] = &[
    sig!(
        "no_reply",
        1,
        TermHw,
        None,
        true,
        "the reader does not answer",
        "读卡器无应答",
        "check power, cable and line settings (9600 8N1); mark the reader offline",
        "检查电源、线缆和串口参数（9600 8N1）；标记读卡器离线"
    ),
    sig!(
        "device_lost",
        1,
        TermHw,
        None,
        true,
        "the reader was disconnected",
        "读卡器连接断开",
        "check the cable and USB connector; reseat the reader",
        "检查线缆和 USB 接口；重新插好读卡器"
    ),
    sig!(
        "protocol_error",
        1,
        TermHw,
        Some(Family::TermSw),
        true,
        "garbled or unexpected frames from the reader",
        "读卡器返回乱码或异常帧",
        "check the cable, grounding and baud rate",
        "检查线缆、接地和波特率"
    ),
    sig!(
        "reader_error",
        3,
        TermHw,
        Some(Family::Card),
        true,
        "the reader reported an error",
        "读卡器报告错误",
        "retry with the reference card; if it persists, repair the reader",
        "用参考卡重试；若仍出错则维修读卡器"
    ),
    sig!(
        "blank",
        5,
        Card,
        Some(Family::TermHw),
        true,
        "track reads blank",
        "磁道读出为空",
        "one card: replace the card; many cards: clean or replace the head",
        "单张卡：换卡；多张卡：清洁或更换磁头"
    ),
    sig!(
        "no_data",
        5,
        Card,
        Some(Family::TermHw),
        true,
        "no data on the track",
        "磁道无数据",
        "one card: replace the card; many cards: clean or replace the head",
        "单张卡：换卡；多张卡：清洁或更换磁头"
    ),
    sig!(
        "no_start_sentinel",
        6,
        Card,
        Some(Family::Tech),
        false,
        "no start sentinel (flux noise, demagnetised stripe)",
        "无起始符（磁条消磁）",
        "re-swipe steadily; if every swipe fails, the stripe is demagnetised: replace the card",
        "匀速重刷；若每次都失败，磁条已消磁：换卡"
    ),
    sig!(
        "no_end_sentinel",
        7,
        Tech,
        Some(Family::Card),
        false,
        "no end sentinel (swipe stopped or tilted)",
        "无结束符（刷卡中断或倾斜）",
        "re-swipe in one steady movement",
        "匀速一次刷完"
    ),
    sig!(
        "parity",
        7,
        Tech,
        Some(Family::TermHw),
        true,
        "parity error",
        "奇偶校验错误",
        "re-swipe steadily; if the reference card also fails, clean or replace the head",
        "匀速重刷；若参考卡也失败，清洁或更换磁头"
    ),
    sig!(
        "lrc",
        7,
        Tech,
        Some(Family::TermHw),
        true,
        "LRC error",
        "LRC 校验错误",
        "re-swipe steadily; if the reference card also fails, clean or replace the head",
        "匀速重刷；若参考卡也失败，清洁或更换磁头"
    ),
    sig!(
        "bad_format",
        12,
        Card,
        Some(Family::Tech),
        false,
        "track layout not valid",
        "磁道格式无效",
        "re-swipe; check the card type",
        "重刷；检查卡片类型"
    ),
    sig!(
        "luhn",
        12,
        Card,
        Some(Family::Tech),
        false,
        "PAN fails the Luhn check (misread or non-bank card)",
        "卡号 Luhn 校验失败（误读或非银行卡）",
        "re-swipe; host would answer 14/15",
        "重刷；主机会返回 14/15"
    ),
    sig!(
        "unknown_bin",
        12,
        Card,
        None,
        false,
        "BIN not in the table",
        "BIN 不在表中",
        "check the BIN table (--bins)",
        "检查 BIN 表（--bins）"
    ),
    sig!(
        "track_mismatch",
        8,
        Card,
        None,
        false,
        "track 1 and track 2 disagree",
        "一磁道与二磁道不一致",
        "re-swipe; if it persists the card is damaged: replace it",
        "重刷；若持续则卡片损坏：换卡"
    ),
    sig!(
        "expired",
        10,
        Card,
        None,
        false,
        "card expired",
        "卡片已过期",
        "do not send; replace the card",
        "不要发送交易；换卡"
    ),
    sig!(
        "chip_card_swiped",
        11,
        Tech,
        None,
        false,
        "chip card swiped (service code 2xx/6xx): should be inserted",
        "芯片卡被刷卡（服务代码 2xx/6xx）：应插卡",
        "insert the card",
        "请插卡"
    ),
    sig!(
        "no_card",
        0,
        Tech,
        None,
        false,
        "no card was presented",
        "未放卡",
        "present the card",
        "请放卡"
    ),
    sig!(
        "mute",
        13,
        Card,
        Some(Family::TermHw),
        true,
        "no ATR after cold and warm reset (mute chip)",
        "冷热复位均无 ATR（芯片无响应）",
        "clean the chip and re-insert; if the reference chip card also fails, repair the contacts",
        "清洁芯片后重插；若参考卡也失败，维修触点"
    ),
    sig!(
        "bad_atr",
        15,
        TermHw,
        Some(Family::Card),
        true,
        "malformed ATR",
        "ATR 格式错误",
        "repeat; compare the rate per card and per terminal",
        "重复测试；比较各卡与各终端的出错率"
    ),
    sig!(
        "chip_no_card",
        0,
        Tech,
        None,
        false,
        "no card at the IC position",
        "IC 位置无卡",
        "insert the card chip first, face up",
        "芯片朝前朝上插卡"
    ),
    sig!(
        "sw6a82",
        17,
        Card,
        Some(Family::TermSw),
        false,
        "no application found (6A82)",
        "找不到应用（6A82）",
        "compare the card's scheme with the terminal AID list",
        "比较卡片品牌与终端 AID 列表"
    ),
    sig!(
        "sw6a81",
        18,
        Card,
        Some(Family::Acct),
        false,
        "card blocked (6A81)",
        "卡片已锁定（6A81）",
        "send the cardholder to the bank",
        "请持卡人联系发卡行"
    ),
    sig!(
        "sw6283",
        19,
        Acct,
        Some(Family::Bank),
        false,
        "application blocked by the issuer (6283)",
        "应用被发卡行锁定（6283）",
        "the issuer must unblock the application",
        "需发卡行解锁应用"
    ),
    sig!(
        "sw6985",
        20,
        TermSw,
        Some(Family::Card),
        false,
        "GPO refused (6985): conditions of use not satisfied",
        "GPO 被拒（6985）：使用条件不满足",
        "check terminal country, currency and PDOL data (9F1A/5F2A)",
        "检查终端国家码、货币码和 PDOL 数据（9F1A/5F2A）"
    ),
    sig!(
        "chip_error",
        25,
        TermHw,
        Some(Family::Card),
        true,
        "chip exchange failed",
        "芯片通讯失败",
        "clean the contacts; retry with the reference card",
        "清洁触点；用参考卡重试"
    ),
    sig!(
        "apdu_timeout",
        25,
        TermHw,
        Some(Family::Card),
        true,
        "APDU exchange timed out (T=0)",
        "APDU 交换超时（T=0）",
        "clean the contacts; retry with the reference card",
        "清洁触点；用参考卡重试"
    ),
    sig!(
        "chip_expired",
        22,
        Card,
        None,
        false,
        "chip application expired (5F24)",
        "芯片应用已过期（5F24）",
        "replace the card",
        "换卡"
    ),
    sig!(
        "chip_stripe_mismatch",
        8,
        Card,
        None,
        false,
        "chip track-2 equivalent differs from the stripe",
        "芯片二磁道等效数据与磁条不一致",
        "possible counterfeit or re-personalised card: keep it aside",
        "可能为伪卡或重新个人化的卡：留存待查"
    ),
    sig!(
        "tvr_oda",
        23,
        TermSw,
        None,
        false,
        "offline data authentication failed (TVR byte 1)",
        "脱机数据认证失败（TVR 第 1 字节）",
        "download the CA public keys and IC parameters",
        "下载 IC 公钥和参数"
    ),
    sig!(
        "tvr_version",
        24,
        TermSw,
        None,
        false,
        "application version mismatch (TVR byte 2)",
        "应用版本不匹配（TVR 第 2 字节）",
        "update the terminal parameters",
        "更新终端参数"
    ),
    sig!(
        "connect_failed",
        27,
        Net,
        None,
        false,
        "TCP connect to the host failed",
        "连接主机失败",
        "check the line; the card is not implicated",
        "检查线路；与卡片无关"
    ),
    sig!(
        "echo_timeout",
        27,
        Net,
        None,
        false,
        "no reply to the echo test",
        "回响测试无应答",
        "check the line; the card is not implicated",
        "检查线路；与卡片无关"
    ),
    sig!(
        "auth_timeout",
        28,
        Net,
        Some(Family::Bank),
        false,
        "no authorisation response before the timeout",
        "授权应答超时",
        "count by issuer and time of day; retry later",
        "按发卡行和时段统计；稍后重试"
    ),
    sig!(
        "reversal_missing",
        28,
        Net,
        Some(Family::Bank),
        false,
        "the reversal got no 0410",
        "冲正无应答",
        "check the host link",
        "检查主机链路"
    ),
    sig!(
        "host_error",
        27,
        Net,
        Some(Family::TermSw),
        false,
        "the host reply could not be used",
        "主机应答无法解析",
        "check the framing and packing settings",
        "检查报文帧格式和打包设置"
    ),
    sig!(
        "prompt_timeout",
        0,
        Tech,
        None,
        false,
        "the prompt timed out (no card presented)",
        "提示超时（未放卡）",
        "present the card when asked; raise --prompt-timeout",
        "按提示放卡；可增大 --prompt-timeout"
    ),
    sig!(
        "skipped",
        0,
        Unknown,
        None,
        false,
        "step skipped by the operator",
        "操作员跳过此步骤",
        "",
        ""
    ),
    sig!(
        "unsupported",
        0,
        Unknown,
        None,
        false,
        "the device cannot do this step",
        "设备不支持此步骤",
        "",
        ""
    ),
];

/// What one signal means.
#[derive(Clone, Debug, PartialEq)]
pub struct Classification {
    pub family: Family,
    pub alt: Option<Family>,
    /// diagnosis.md §2 row (0 for bench-internal and RC-class signals).
    pub row: u8,
    pub meaning: Text,
    pub action: Text,
    pub hardware_like: bool,
}

/// The decline class of a response code (`None` for approvals and unknown codes).
pub fn rc_class(rc: &str) -> Option<&'static RcClass> {
    crate::codec::iso8583::rc::decline_class(rc)
}

/// The signal's row key in [`SIGNALS`]: the code without track and verbatim detail
/// (`t2:lrc` → `lrc`, `reader_error:E5` → `reader_error`, `rc:51` → `rc`).
pub fn signal_base(signal: &Signal) -> Cow<'static, str> {
    match signal {
        Signal::Track {
            fault: TrackFault::ReaderError(_),
            ..
        }
        | Signal::ReaderError(_) => Cow::Borrowed("reader_error"),
        Signal::Track { fault, .. } => fault.code(),
        Signal::Rc(_) => Cow::Borrowed("rc"),
        s => s.code(),
    }
}

/// The track number of a track signal.
pub fn signal_track(signal: &Signal) -> Option<u8> {
    signal.track_no()
}

/// Signal → family → action. Unknown signals and unknown RCs classify as `UNKNOWN` (kept
/// verbatim in the report, never guessed).
pub fn classify(signal: &Signal) -> Classification {
    if let Signal::Rc(rc) = signal {
        if let Some(c) = rc_class(rc) {
            return Classification {
                family: c.family,
                alt: c.alt,
                row: 0,
                meaning: Text::new(
                    format!("response code {rc}: {}", c.meaning_en),
                    format!("应答码 {rc}：{}", c.meaning_zh),
                ),
                action: Text::new(c.action_en, c.action_zh),
                hardware_like: false,
            };
        }
        return unknown(&signal.code());
    }
    let base = signal_base(signal);
    match SIGNALS.iter().find(|r| r.code == base) {
        Some(r) => Classification {
            family: r.family,
            alt: r.alt,
            row: r.row,
            meaning: Text::new(r.meaning_en, r.meaning_zh),
            action: Text::new(r.action_en, r.action_zh),
            hardware_like: r.hardware_like,
        },
        None => unknown(&signal.code()),
    }
}

fn unknown(s: &str) -> Classification {
    Classification {
        family: Family::Unknown,
        alt: None,
        row: 0,
        meaning: Text::new(
            format!("unclassified signal {s}"),
            format!("未分类信号 {s}"),
        ),
        action: Text::new("see the detail column", "见 detail 列"),
        hardware_like: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Per terminal: reasoning across cards.

/// One attempt as the cross-card rules see it.
#[derive(Clone, Debug, PartialEq)]
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
    pub rc: String,
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
        }
    }

    fn failed(&self) -> bool {
        self.outcome == Outcome::Fail
    }

    fn evidence(&self) -> String {
        let who = match self.card {
            Some(c) => format!("card {} ({})", c + 1, self.label.en),
            None => "run".to_string(),
        };
        let rc = if self.rc.is_empty() {
            String::new()
        } else {
            format!(" RC {}", self.rc)
        };
        format!(
            "{who} {} {}: {} {}{rc}",
            self.interface, self.step, self.outcome, self.signal
        )
    }
}

/// What the link itself showed during the run (counted by the engine from frame notes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Frames NAKed, resent, resynchronised or with a bad checksum.
    pub retries: u32,
    /// Frames exchanged in total (to judge the retry rate).
    pub frames: u32,
    /// Times the device was lost.
    pub lost: u32,
    pub reconnected: u32,
    /// The device stopped answering and did not come back.
    pub gave_up: bool,
}

/// Groups a run folder's attempts by card label and diagnoses them (for batch and summarize).
/// `is_reference` marks known-good cards by label.
pub fn diagnose_attempts(rows: &[Attempt], is_reference: impl Fn(&str) -> bool) -> Vec<Conclusion> {
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let obs: Vec<Observation> = rows
        .iter()
        .map(|a| {
            let card = if a.card_label.is_empty() {
                None
            } else {
                let n = index.len();
                Some(*index.entry(a.card_label.clone()).or_insert(n))
            };
            Observation::from_attempt(a, card, is_reference(&a.card_label))
        })
        .collect();
    diagnose(&obs, &LinkStats::default())
}

/// Per-card, per-interface verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Pass,
    /// Some attempts failed, some passed.
    Flaky,
    Fail,
    /// Not judged (skipped, errors only).
    Untested,
}

struct CardView<'a> {
    label: Text,
    reference: bool,
    bank: String,
    bank_text: Text,
    scheme: String,
    per_if: BTreeMap<Interface, Vec<&'a Observation>>,
}

impl CardView<'_> {
    fn status(&self, i: Interface) -> Status {
        let Some(v) = self.per_if.get(&i) else {
            return Status::Untested;
        };
        let fails = v.iter().filter(|o| o.failed()).count();
        let passes = v.iter().filter(|o| o.outcome == Outcome::Pass).count();
        match (fails, passes) {
            (0, 0) => Status::Untested,
            (0, _) => Status::Pass,
            (_, 0) => Status::Fail,
            _ => {
                // Swipe attempts are per swipe: a card whose every swipe failed is a failure
                // even when the summary check rows passed.
                if i == Interface::Swipe && self.swipe_all_failed() {
                    Status::Fail
                } else {
                    Status::Flaky
                }
            }
        }
    }

    fn swipe_all_failed(&self) -> bool {
        let swipes: Vec<_> = self
            .per_if
            .get(&Interface::Swipe)
            .map(|v| v.iter().filter(|o| o.step.starts_with("swipe")).collect())
            .unwrap_or_default();
        !swipes.is_empty() && swipes.iter().all(|o| o.failed())
    }

    fn failures(&self, i: Interface) -> Vec<&Observation> {
        self.per_if
            .get(&i)
            .map(|v| v.iter().copied().filter(|o| o.failed()).collect())
            .unwrap_or_default()
    }

    fn tested(&self, i: Interface) -> bool {
        self.status(i) != Status::Untested
    }
}

fn t(en: impl Into<String>, zh: impl Into<String>) -> Text {
    Text::new(en, zh)
}

fn evidence(obs: &[&Observation]) -> Vec<String> {
    const MAX: usize = 12;
    let mut v: Vec<String> = obs.iter().take(MAX).map(|o| o.evidence()).collect();
    if obs.len() > MAX {
        v.push(format!("… and {} more", obs.len() - MAX));
    }
    v
}

fn most_common<S: AsRef<str>>(it: impl Iterator<Item = S>) -> Option<String> {
    let mut m: BTreeMap<String, usize> = BTreeMap::new();
    for s in it {
        *m.entry(s.as_ref().to_string()).or_default() += 1;
    }
    m.into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s.to_string())
}

/// Rules R1–R9 over one terminal's attempts. Conclusions come most important first; an empty
/// list means nothing failed.
pub fn diagnose(obs: &[Observation], link: &LinkStats) -> Vec<Conclusion> {
    let mut out: Vec<Conclusion> = Vec::new();
    // Which (card, interface) pairs a terminal-level conclusion already explains.
    let mut explained: BTreeSet<(usize, Interface)> = BTreeSet::new();

    let mut cards: BTreeMap<usize, CardView> = BTreeMap::new();
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

    // Line noise: garbled frames next to read errors scattered over several tracks (a worn
    // head hits one track; a noisy line corrupts whatever crosses it), or many frames the
    // driver had to reject and resend.
    let proto: Vec<&Observation> = obs
        .iter()
        .filter(|o| signal_base(&o.signal) == "protocol_error")
        .collect();
    let swipe_hw: Vec<&Observation> = obs
        .iter()
        .filter(|o| {
            o.failed() && o.interface == Interface::Swipe && classify(&o.signal).hardware_like
        })
        .collect();
    let tracks_hit: BTreeSet<u8> = swipe_hw
        .iter()
        .filter_map(|o| signal_track(&o.signal))
        .collect();
    let noisy_line = proto.len() >= 2
        || (!proto.is_empty() && tracks_hit.len() >= 2)
        || (!link.gave_up && link.retries >= 5 && link.retries * 50 >= link.frames.max(1));
    // R1: the reader does not answer / stopped answering / the line is bad.
    let link_errors: Vec<&Observation> = obs
        .iter()
        .filter(|o| {
            o.outcome == Outcome::Error && matches!(o.signal, Signal::NoReply | Signal::DeviceLost)
        })
        .collect();
    let any_pass_device = obs
        .iter()
        .any(|o| o.outcome == Outcome::Pass && o.interface != Interface::Network);
    if link.gave_up || (!link_errors.is_empty() && !any_pass_device) {
        out.push(Conclusion {
            rule: "R1".into(),
            family: Family::TermHw,
            culprit: t("reader (link)", "读卡器（连接）"),
            finding: if any_pass_device {
                t(
                    "the reader stopped answering during the run and did not come back",
                    "读卡器在测试中途停止应答且未恢复",
                )
            } else {
                t("the reader does not answer", "读卡器无应答")
            },
            action: t(
                "check power, cable and line settings; power-cycle the reader; no card is implicated",
                "检查电源、线缆和串口参数；重启读卡器；与卡片无关",
            ),
            // On a noisy line the silence is more likely garbled answers: noise comes first.
            confidence: if noisy_line {
                Confidence::Medium
            } else {
                Confidence::High
            },
            evidence: evidence(&link_errors),
        });
        for o in &link_errors {
            if let Some(c) = o.card {
                explained.insert((c, o.interface));
            }
        }
    } else if link.lost > 0 {
        out.push(Conclusion {
            rule: "R1".into(),
            family: Family::TermHw,
            culprit: t(
                "reader connection (cable / USB)",
                "读卡器连接（线缆 / USB）",
            ),
            finding: t(
                format!(
                    "the reader was lost {} time(s) and reconnected {} time(s) during the run",
                    link.lost.max(link_errors.len() as u32),
                    link.reconnected
                ),
                format!(
                    "测试中读卡器断开 {} 次，重连 {} 次",
                    link.lost.max(link_errors.len() as u32),
                    link.reconnected
                ),
            ),
            action: t(
                "check the cable and connector; the interrupted steps were repeated",
                "检查线缆和接口；中断的步骤已重做",
            ),
            confidence: Confidence::Medium,
            evidence: evidence(&link_errors),
        });
    }
    if noisy_line {
        let mut ev: Vec<&Observation> = proto.clone();
        ev.extend(swipe_hw.iter().copied());
        let ncards = swipe_hw
            .iter()
            .filter_map(|o| o.card)
            .collect::<BTreeSet<_>>()
            .len();
        let mut finding_en = format!("{} garbled frame(s)", proto.len());
        let mut finding_zh = format!("{} 个乱码帧", proto.len());
        if proto.is_empty() {
            finding_en = "the reader's answers arrive corrupted".into();
            finding_zh = "读卡器应答在线路上被损坏".into();
        }
        if !tracks_hit.is_empty() {
            finding_en.push_str(&format!(
                "; read errors scattered over {} track(s) of {ncards} card(s)",
                tracks_hit.len()
            ));
            finding_zh.push_str(&format!(
                "；读卡错误分散在 {} 个磁道、{ncards} 张卡上",
                tracks_hit.len()
            ));
        }
        if link.retries > 0 {
            finding_en.push_str(&format!(
                "; {} of {} frames rejected or resent",
                link.retries, link.frames
            ));
            finding_zh.push_str(&format!(
                "；{} / {} 帧被拒或重发",
                link.retries, link.frames
            ));
        }
        out.push(Conclusion {
            rule: "R1".into(),
            family: Family::TermHw,
            culprit: t("serial line (cable / noise)", "串口线路（线缆 / 干扰）"),
            finding: t(finding_en, finding_zh),
            action: t(
                "check the cable, shielding and grounding; try another cable or a lower baud rate",
                "检查线缆、屏蔽和接地；更换线缆或降低波特率",
            ),
            confidence: if proto.len() >= 2 || link.retries * 5 >= link.frames.max(1) {
                Confidence::High
            } else {
                Confidence::Medium
            },
            evidence: {
                let mut e = evidence(&ev);
                if link.retries > 0 {
                    e.insert(
                        0,
                        format!(
                            "link: {} of {} frames rejected or resent",
                            link.retries, link.frames
                        ),
                    );
                }
                e
            },
        });
        for o in ev {
            if let Some(c) = o.card {
                explained.insert((c, o.interface));
            }
        }
        // Chip exchanges garbled by the same line are explained by it too.
        for o in obs {
            if o.failed() && o.interface == Interface::Chip && classify(&o.signal).hardware_like {
                if let Some(c) = o.card {
                    explained.insert((c, o.interface));
                }
            }
        }
    }

    let non_ref: Vec<usize> = cards
        .iter()
        .filter(|(_, c)| !c.reference)
        .map(|(i, _)| *i)
        .collect();

    // R3: every card fails one device interface with hardware-like signals, or the reference
    // card fails it. Swipe is judged per track (a dead or worn track shows on every card).
    for iface in [Interface::Swipe, Interface::Chip] {
        if noisy_line && iface == Interface::Swipe {
            continue;
        }
        let tested: Vec<usize> = cards
            .iter()
            .filter(|(_, c)| c.tested(iface))
            .map(|(i, _)| *i)
            .collect();
        if tested.is_empty() {
            continue;
        }
        // Hardware-like failures per "locus": a track for swipe, the contacts for chip.
        let mut by_locus: BTreeMap<String, Vec<(usize, &Observation)>> = BTreeMap::new();
        for i in &tested {
            for o in cards[i].failures(iface) {
                let c = classify(&o.signal);
                if !c.hardware_like {
                    continue;
                }
                let locus = match (iface, signal_track(&o.signal)) {
                    (Interface::Swipe, Some(n)) => format!("track {n}"),
                    (Interface::Swipe, None) => "head".to_string(),
                    _ => "contacts".to_string(),
                };
                by_locus.entry(locus).or_default().push((*i, o));
            }
        }
        for (locus, hits) in by_locus {
            let hit_cards: BTreeSet<usize> = hits.iter().map(|(i, _)| *i).collect();
            let ref_hit = hit_cards.iter().any(|i| cards[i].reference);
            let need = if tested.len() >= 4 {
                tested.len().div_ceil(2)
            } else {
                tested.len()
            };
            let every = hit_cards.len() == tested.len();
            // One card alone is R2's business, even when it is the reference card and the
            // others pass: then it is the reference card that is bad... unless it is the only
            // card tested.
            let others_hit = hit_cards.iter().filter(|i| !cards[i].reference).count();
            if !(hit_cards.len() >= need.max(2)
                || (ref_hit && others_hit >= 1)
                || (every && tested.len() == 1))
            {
                continue;
            }
            let all_fail = hit_cards
                .iter()
                .all(|i| cards[i].status(iface) == Status::Fail);
            let confidence = if every && all_fail {
                Confidence::High
            } else if every || hit_cards.len() * 4 >= tested.len() * 3 {
                Confidence::Medium
            } else {
                Confidence::Low
            };
            let (culprit, action) = match iface {
                Interface::Swipe => (
                    t(format!("magnetic head ({locus})"), format!("磁头（{}）", zh_locus(&locus))),
                    t(
                        "clean the head and run the reference cards again; if it persists, replace the head",
                        "清洁磁头后重跑参考卡；若仍失败，更换磁头",
                    ),
                ),
                _ => (
                    t("chip contacts / card landing", "IC 触点 / 卡座"),
                    t(
                        "clean the IC contacts and check the landing mechanism; retry with the reference chip card",
                        "清洁 IC 触点并检查卡座机构；用参考芯片卡重试",
                    ),
                ),
            };
            let sig = most_common(hits.iter().map(|(_, o)| o.signal.code())).unwrap_or_default();
            let obs_v: Vec<&Observation> = hits.iter().map(|(_, o)| *o).collect();
            out.push(Conclusion {
                rule: "R3".into(),
                family: Family::TermHw,
                culprit,
                finding: t(
                    format!(
                        "{} of {} cards fail {} with hardware-like errors ({sig}){}",
                        hit_cards.len(),
                        tested.len(),
                        iface,
                        if ref_hit {
                            ", the reference card too"
                        } else {
                            ""
                        }
                    ),
                    format!(
                        "{}/{} 张卡{}出现硬件类错误（{sig}）{}",
                        hit_cards.len(),
                        tested.len(),
                        iface.name(crate::i18n::Lang::ZhCn),
                        if ref_hit { "，参考卡也失败" } else { "" }
                    ),
                ),
                action,
                confidence,
                evidence: evidence(&obs_v),
            });
            for i in hit_cards {
                explained.insert((i, iface));
            }
        }
    }

    // R6: every card of one scheme fails at application selection while other schemes pass.
    let mut by_scheme: BTreeMap<String, (Vec<usize>, Vec<&Observation>)> = BTreeMap::new();
    for (i, c) in &cards {
        if c.scheme.is_empty() || !c.tested(Interface::Chip) {
            continue;
        }
        let e = by_scheme.entry(c.scheme.clone()).or_default();
        e.0.push(*i);
        let sel: Vec<&Observation> = c
            .failures(Interface::Chip)
            .into_iter()
            .filter(|o| signal_base(&o.signal) == "sw6a82")
            .collect();
        e.1.extend(sel);
    }
    let schemes_passing: BTreeSet<String> = by_scheme
        .iter()
        .filter(|(_, (idx, _))| {
            idx.iter()
                .any(|i| cards[i].status(Interface::Chip) == Status::Pass)
        })
        .map(|(s, _)| s.clone())
        .collect();
    for (scheme, (idx, sel)) in &by_scheme {
        let failing: BTreeSet<usize> = sel.iter().filter_map(|o| o.card).collect();
        if failing.len() != idx.len() || schemes_passing.is_empty() && by_scheme.len() > 1 {
            continue;
        }
        if by_scheme.len() == 1 {
            continue; // R8 territory
        }
        let rid = crate::bins::Scheme::parse(scheme)
            .and_then(|s| s.rid())
            .unwrap_or("");
        out.push(Conclusion {
            rule: "R6".into(),
            family: Family::TermSw,
            culprit: t(
                format!("AID list (lacks {scheme} {rid}…)"),
                format!("AID 列表（缺少 {scheme} {rid}…）"),
            ),
            finding: t(
                format!(
                    "every {scheme} card ({}) gets 6A82 at application selection while other schemes pass",
                    idx.len()
                ),
                format!(
                    "所有 {scheme} 卡（{} 张）选择应用时返回 6A82，其他品牌正常",
                    idx.len()
                ),
            ),
            action: t(
                format!("load the {scheme} AIDs ({rid}…) into the terminal's AID list / update the EMV parameters"),
                format!("在终端 AID 列表中加入 {scheme} AID（{rid}…）/ 更新 EMV 参数"),
            ),
            confidence: if idx.len() >= 2 {
                Confidence::High
            } else {
                Confidence::Low
            },
            evidence: evidence(sel),
        });
        for i in idx {
            explained.insert((*i, Interface::Chip));
        }
    }

    // R8: the same status word on every chip card (not just one scheme).
    let chip_cards: Vec<usize> = cards
        .iter()
        .filter(|(_, c)| c.tested(Interface::Chip))
        .map(|(i, _)| *i)
        .collect();
    if chip_cards.len() >= 2 {
        let mut sw_cards: BTreeMap<String, (BTreeSet<usize>, Vec<&Observation>)> = BTreeMap::new();
        for i in &chip_cards {
            if explained.contains(&(*i, Interface::Chip)) {
                continue;
            }
            for o in cards[i].failures(Interface::Chip) {
                let b = signal_base(&o.signal);
                if (b.starts_with("sw") || b.starts_with("tvr")) && b != "sw6283" && b != "sw6a81" {
                    let e = sw_cards.entry(b.to_string()).or_default();
                    e.0.insert(*i);
                    e.1.push(o);
                }
            }
        }
        for (sw, (set, ev)) in sw_cards {
            if set.len() == chip_cards.len() {
                out.push(Conclusion {
                    rule: "R8".into(),
                    family: Family::TermSw,
                    culprit: t("terminal EMV parameters", "终端 EMV 参数"),
                    finding: t(
                        format!("every chip card gets the same answer {sw}"),
                        format!("所有芯片卡返回相同结果 {sw}"),
                    ),
                    action: t(
                        classify(&Signal::parse(&sw)).action.en,
                        classify(&Signal::parse(&sw)).action.zh,
                    ),
                    confidence: Confidence::High,
                    evidence: evidence(&ev),
                });
                for i in &set {
                    explained.insert((*i, Interface::Chip));
                }
            }
        }
    }

    // R4 / R5: system-type network failures grouped by issuer.
    let system = |o: &Observation| {
        if !o.failed() {
            return false;
        }
        if matches!(
            o.signal,
            Signal::AuthTimeout
                | Signal::ReversalMissing
                | Signal::ConnectFailed
                | Signal::EchoTimeout
        ) {
            return true;
        }
        rc_class(&o.rc).is_some_and(|c| c.name == "bank-system")
    };
    let net_obs: Vec<&Observation> = obs
        .iter()
        .filter(|o| o.interface == Interface::Network)
        .collect();
    let run_level_net_fail: Vec<&Observation> = net_obs
        .iter()
        .copied()
        .filter(|o| o.card.is_none() && o.failed())
        .collect();
    type BankAcc<'a> = (Text, usize, usize, Vec<&'a Observation>, BTreeSet<usize>);
    let mut banks: BTreeMap<String, BankAcc> = BTreeMap::new();
    for (i, c) in &cards {
        let Some(v) = c.per_if.get(&Interface::Network) else {
            continue;
        };
        let key = if c.bank.is_empty() {
            format!("({})", c.scheme)
        } else {
            c.bank.clone()
        };
        let e = banks
            .entry(key)
            .or_insert_with(|| (c.bank_text.clone(), 0, 0, Vec::new(), BTreeSet::new()));
        if v.iter().any(|o| o.outcome == Outcome::Pass) {
            e.1 += 1;
        }
        let sys: Vec<&Observation> = v.iter().copied().filter(|o| system(o)).collect();
        if !sys.is_empty() {
            e.2 += 1;
            e.3.extend(sys);
            e.4.insert(*i);
        }
    }
    let failing_banks: Vec<&String> = banks
        .iter()
        .filter(|(_, b)| b.2 > 0)
        .map(|(k, _)| k)
        .collect();
    let clean_banks = banks.iter().filter(|(_, b)| b.2 == 0 && b.1 > 0).count();
    if !failing_banks.is_empty() || !run_level_net_fail.is_empty() {
        if clean_banks > 0 && !failing_banks.is_empty() {
            // R4: some issuers fail, others approve on the same link.
            for k in failing_banks {
                let (text, _pass, nfail, ev, set) = &banks[k];
                let all_of_bank = banks[k].1 == 0;
                out.push(Conclusion {
                    rule: "R4".into(),
                    family: Family::Bank,
                    culprit: t(
                        match crate::bins::find_bank(k) {
                            Some(b) => format!("{} ({}) host system", b.short, b.en),
                            None => format!("{} host system", text.en),
                        },
                        format!("{}系统", text.zh),
                    ),
                    finding: t(
                        format!(
                            "only {} cards fail at the host ({nfail} card(s), system-type signals) while other banks approve on the same terminal and link",
                            text.en
                        ),
                        format!(
                            "仅{}的卡在主机端失败（{nfail} 张，系统类信号），其他银行的卡在同一终端和线路上正常",
                            text.zh
                        ),
                    ),
                    action: t(
                        "not a terminal fault: retry later or contact that bank; watch for a maintenance window",
                        "非终端故障：稍后重试或联系该银行；留意维护时段",
                    ),
                    confidence: if all_of_bank && clean_banks >= 2 {
                        Confidence::High
                    } else {
                        Confidence::Medium
                    },
                    evidence: evidence(ev),
                });
                for i in set {
                    explained.insert((*i, Interface::Network));
                }
            }
        } else {
            // R5 / R1: every issuer fails alike (or the echo already failed).
            let mut ev: Vec<&Observation> = run_level_net_fail.clone();
            let mut set = BTreeSet::new();
            for b in banks.values() {
                ev.extend(b.3.iter().copied());
                set.extend(b.4.iter().copied());
            }
            let nbanks = banks.len();
            out.push(Conclusion {
                rule: "R5".into(),
                family: Family::Net,
                culprit: t("network / acquirer link", "网络 / 收单链路"),
                finding: t(
                    format!("host failures hit every issuer alike ({nbanks} issuer group(s))"),
                    format!("所有发卡行均出现相同的主机故障（{nbanks} 组）"),
                ),
                action: t(
                    "check the line, switch and acquirer host; no card is implicated",
                    "检查线路、交换和收单主机；与卡片无关",
                ),
                confidence: if nbanks >= 2 || !run_level_net_fail.is_empty() {
                    Confidence::High
                } else {
                    Confidence::Low
                },
                evidence: evidence(&ev),
            });
            for i in set {
                explained.insert((i, Interface::Network));
            }
        }
    }

    // Card-level verdicts: R2 (card), R9 (account), R7 (technique), bank policy.
    for (i, c) in &cards {
        let mut failing_ifs: Vec<Interface> = Vec::new();
        let mut ev: Vec<&Observation> = Vec::new();
        let mut flaky_only = true;
        for iface in Interface::ALL {
            if explained.contains(&(*i, iface)) {
                continue;
            }
            let st = c.status(iface);
            if matches!(st, Status::Fail | Status::Flaky) {
                failing_ifs.push(iface);
                ev.extend(c.failures(iface));
                if st == Status::Fail {
                    flaky_only = false;
                }
            }
        }
        if failing_ifs.is_empty() {
            continue;
        }
        let tested_ifs = Interface::ALL
            .iter()
            .filter(|x| c.tested(**x) && **x != Interface::Network)
            .count();
        // The signal that dominates this card's failures decides the family.
        let dom = most_common(ev.iter().map(|o| {
            if !o.rc.is_empty() && !crate::codec::iso8583::rc::is_approved(&o.rc) {
                Cow::Borrowed("rc")
            } else {
                signal_base(&o.signal)
            }
        }))
        .unwrap_or_default();
        let dom_obs: Vec<&Observation> = ev
            .iter()
            .copied()
            .filter(|o| (dom == "rc" && !o.rc.is_empty()) || signal_base(&o.signal) == dom)
            .collect();
        let cls = dom_obs
            .first()
            .map(|o| {
                if dom == "rc" {
                    classify(&Signal::rc(&o.rc))
                } else {
                    classify(&o.signal)
                }
            })
            .unwrap_or_else(|| unknown(""));
        let ifs_en: Vec<&str> = failing_ifs.iter().map(|x| x.as_str()).collect();
        let ifs_zh: Vec<&str> = failing_ifs
            .iter()
            .map(|x| x.name(crate::i18n::Lang::ZhCn))
            .collect();
        let device_ifs_failing = failing_ifs
            .iter()
            .filter(|x| **x != Interface::Network)
            .count();
        let (rule, family, culprit, confidence) = match cls.family {
            Family::Acct => (
                "R9",
                Family::Acct,
                t(
                    format!("account of card {} ({})", i + 1, c.label.en),
                    format!("第 {} 张卡（{}）的账户", i + 1, c.label.zh),
                ),
                Confidence::High,
            ),
            Family::Bank => (
                "R4",
                Family::Bank,
                t(
                    format!("{} (issuer policy)", c.bank_text.en),
                    format!("{}（发卡行策略）", c.bank_text.zh),
                ),
                Confidence::Medium,
            ),
            Family::Tech if flaky_only => {
                ("R7", Family::Tech, technique(&failing_ifs), Confidence::Low)
            }
            Family::Tech | Family::Card | Family::TermHw | Family::Unknown
                if !flaky_only || cls.family == Family::Card =>
            {
                let conf = if c.reference {
                    Confidence::Low
                } else if device_ifs_failing >= tested_ifs.max(1) && !flaky_only {
                    Confidence::High
                } else {
                    Confidence::Medium
                };
                (
                    "R2",
                    Family::Card,
                    t(
                        format!("card {} ({})", i + 1, c.label.en),
                        format!("第 {} 张卡（{}）", i + 1, c.label.zh),
                    ),
                    conf,
                )
            }
            Family::Tech | Family::TermHw | Family::Unknown | Family::Card => {
                ("R7", Family::Tech, technique(&failing_ifs), Confidence::Low)
            }
            // One card with a software-class answer while every other card passes: the
            // card's product (R8 would have caught a terminal-wide pattern).
            Family::TermSw | Family::Net if cls.alt == Some(Family::Card) => (
                "R2",
                Family::Card,
                t(
                    format!("card {} ({})", i + 1, c.label.en),
                    format!("第 {} 张卡（{}）", i + 1, c.label.zh),
                ),
                Confidence::Medium,
            ),
            Family::TermSw | Family::Net => (
                "R8",
                cls.family,
                t(
                    format!("terminal ({} on card {})", cls.family.name_en(), i + 1),
                    format!("终端（第 {} 张卡，{}）", i + 1, cls.family.name_zh()),
                ),
                Confidence::Low,
            ),
        };
        let mut finding = t(
            format!(
                "card {} ({}) fails {}: {}",
                i + 1,
                c.label.en,
                ifs_en.join(", "),
                cls.meaning.en
            ),
            format!(
                "第 {} 张卡（{}）{}失败：{}",
                i + 1,
                c.label.zh,
                ifs_zh.join("、"),
                cls.meaning.zh
            ),
        );
        if c.reference && family == Family::Card {
            finding
                .en
                .push_str(" — the reference card itself: check it on a second terminal");
            finding.zh.push_str("——参考卡本身：请在另一台终端上复核");
        } else if family == Family::Card && confidence != Confidence::High {
            finding.en.push_str("; the reference card passes");
            finding.zh.push_str("；参考卡正常");
        }
        let _ = &non_ref;
        out.push(Conclusion {
            rule: rule.into(),
            family,
            culprit,
            finding,
            action: cls.action.clone(),
            confidence,
            evidence: evidence(&ev),
        });
    }

    // Most important first: terminal-level rules, then by confidence.
    out.sort_by_key(|c| {
        let terminal = matches!(
            c.family,
            Family::TermHw | Family::TermSw | Family::Net | Family::Bank
        );
        (!terminal, std::cmp::Reverse(c.confidence))
    });
    out
}

/// "swipe technique" / "card insertion" for the interfaces that fail intermittently.
fn technique(ifs: &[Interface]) -> Text {
    if ifs.contains(&Interface::Swipe) {
        t("swipe technique", "刷卡手法")
    } else {
        t(
            "card insertion (technique or intermittent contact)",
            "插卡手法（或触点接触不良）",
        )
    }
}

fn zh_locus(locus: &str) -> String {
    match locus.strip_prefix("track ") {
        Some(n) => format!("第 {n} 磁道"),
        None => "磁头".to_string(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn table_lookups() {
        assert_eq!(classify(&Signal::parse("t2:blank")).family, Family::Card);
        assert_eq!(
            classify(&Signal::parse("t2:blank")).alt,
            Some(Family::TermHw)
        );
        assert_eq!(classify(&Signal::parse("rc:51")).family, Family::Acct);
        assert_eq!(classify(&Signal::parse("rc:91")).family, Family::Bank);
        assert_eq!(classify(&Signal::parse("rc:91")).alt, Some(Family::Net));
        assert_eq!(classify(&Signal::parse("rc:45")).family, Family::Tech);
        assert_eq!(classify(&Signal::parse("rc:A0")).family, Family::TermSw);
        assert_eq!(classify(&Signal::parse("rc:K9")).family, Family::Unknown);
        assert_eq!(classify(&Signal::parse("sw6a82")).row, 17);
        assert_eq!(classify(&Signal::parse("mute")).row, 13);
        assert_eq!(classify(&Signal::parse("whatever")).family, Family::Unknown);
        assert_eq!(signal_track(&Signal::parse("t3:lrc")), Some(3));
        assert_eq!(signal_base(&Signal::parse("t3:lrc")), "lrc");
        assert_eq!(
            signal_base(&Signal::parse("reader_error:E9")),
            "reader_error"
        );
        // Every RC appears in one class only (the catalogue has one row per code).
        let mut seen = BTreeSet::new();
        for code in crate::codec::iso8583::rc::known_codes() {
            assert!(seen.insert(code), "{code} twice");
        }
    }
}
