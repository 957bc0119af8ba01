//! The signal table: per attempt, observed signal → cause family → action (diagnosis.md §2),
//! kept as data and keyed by the typed [`SignalKind`]; response codes are classed by the one
//! catalogue in `codec::iso8583::rc`.

use crate::codec::iso8583::rc;
use crate::i18n::Text;
use crate::model::{Family, ReversalReason, Signal, TrackFault};
use std::borrow::Cow;
use Family::{Acct, Bank, Card, Tech, TermHw, TermSw};
use SignalKind::{Plain, Track};

/// The row of the signal table a [`Signal`] falls under: a signal without the parts that do
/// not change its meaning (the track of a track fault, the verbatim code of a reader error,
/// the value of a response code).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SignalKind {
    /// A track fault whatever the track (`t1:lrc` and `t2:lrc` are one row). A layout error
    /// with no track (`bad_format`) is `Track(TrackFault::BadFormat)` too. Never
    /// `TrackFault::ReaderError`: that is [`SignalKind::ReaderError`].
    Track(TrackFault),
    /// A reader error code, on a track or not (`reader_error:E5`, `t2:reader_error:E5`).
    ReaderError,
    /// A response code (`rc:51`): classed by `codec::iso8583::rc`, not by the table.
    Rc,
    /// Any other signal, whole: `no_reply`, `mute`, `sw6a82`, and codes with no row (`ok`,
    /// an unknown code kept verbatim).
    Plain(Signal),
}

impl SignalKind {
    /// The kind of a signal.
    pub fn of(signal: &Signal) -> SignalKind {
        match signal {
            Signal::Track {
                fault: TrackFault::ReaderError(_),
                ..
            }
            | Signal::ReaderError(_) => SignalKind::ReaderError,
            Signal::Track { fault, .. } => SignalKind::Track(fault.clone()),
            Signal::BadFormat => SignalKind::Track(TrackFault::BadFormat),
            Signal::Rc(_) => SignalKind::Rc,
            s => SignalKind::Plain(s.clone()),
        }
    }

    /// The kind's spelling, the signal code without track or detail: `lrc`, `reader_error`,
    /// `rc`, `sw6a82` (the `Signal` column of docs/diagnosis.md).
    pub fn code(&self) -> Cow<'static, str> {
        match self {
            SignalKind::Track(fault) => fault.code(),
            SignalKind::ReaderError => Cow::Borrowed("reader_error"),
            SignalKind::Rc => Cow::Borrowed("rc"),
            SignalKind::Plain(s) => s.code(),
        }
    }
}

/// One row of the signal table: the kind, the diagnosis.md §2 row it comes from, the family
/// (and the second family the signal alone allows), meaning and action in English and Chinese.
#[derive(Clone, Debug)]
pub struct SignalRow {
    pub kind: SignalKind,
    /// diagnosis.md §2 row number (0 = bench-internal signal).
    pub row: u8,
    pub family: Family,
    pub alt: Option<Family>,
    /// Looks like hardware (R3 may blame the terminal when it hits every card).
    pub hardware_like: bool,
    pub meaning_en: &'static str,
    pub meaning_zh: &'static str,
    pub action_en: &'static str,
    pub action_zh: &'static str,
}

/// The `hardware_like` column: the signal looks like hardware (`HW`) or not (`NO`).
const HW: bool = true;
const NO: bool = false;

macro_rules! sig {
    ($kind:expr, $row:expr, $fam:ident, $alt:expr, $hw:expr,
     $men:expr, $mzh:expr, $aen:expr, $azh:expr) => {
        SignalRow {
            kind: $kind,
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

/// Observed signal → family → action (diagnosis.md §2). Each row: kind, §2 row, family,
/// alternative family, hardware-like; meaning (en, zh); action (en, zh).
#[rustfmt::skip]
pub const SIGNALS: &[SignalRow] = &[
    sig!(Plain(Signal::NoReply), 1, TermHw, None, HW,
        "the reader does not answer", "读卡器无应答",
        "check power, cable and line settings (9600 8N1); mark the reader offline",
        "检查电源、线缆和串口参数（9600 8N1）；标记读卡器离线"),
    sig!(Plain(Signal::DeviceLost), 1, TermHw, None, HW,
        "the reader was disconnected", "读卡器连接断开",
        "check the cable and USB connector; reseat the reader", "检查线缆和 USB 接口；重新插好读卡器"),
    sig!(Plain(Signal::ProtocolError), 1, TermHw, Some(TermSw), HW,
        "garbled or unexpected frames from the reader", "读卡器返回乱码或异常帧",
        "check the cable, grounding and baud rate", "检查线缆、接地和波特率"),
    sig!(SignalKind::ReaderError, 3, TermHw, Some(Card), HW,
        "the reader reported an error", "读卡器报告错误",
        "retry with the reference card; if it persists, repair the reader",
        "用参考卡重试；若仍出错则维修读卡器"),
    sig!(Track(TrackFault::Blank), 5, Card, Some(TermHw), HW,
        "track reads blank", "磁道读出为空",
        "one card: replace the card; many cards: clean or replace the head",
        "单张卡：换卡；多张卡：清洁或更换磁头"),
    sig!(Track(TrackFault::NoData), 5, Card, Some(TermHw), HW,
        "no data on the track", "磁道无数据",
        "one card: replace the card; many cards: clean or replace the head",
        "单张卡：换卡；多张卡：清洁或更换磁头"),
    sig!(Track(TrackFault::NoStartSentinel), 6, Card, Some(Tech), NO,
        "no start sentinel (flux noise, demagnetised stripe)", "无起始符（磁条消磁）",
        "re-swipe steadily; if every swipe fails, the stripe is demagnetised: replace the card",
        "匀速重刷；若每次都失败，磁条已消磁：换卡"),
    sig!(Track(TrackFault::NoEndSentinel), 7, Tech, Some(Card), NO,
        "no end sentinel (swipe stopped or tilted)", "无结束符（刷卡中断或倾斜）",
        "re-swipe in one steady movement", "匀速一次刷完"),
    sig!(Track(TrackFault::Parity), 7, Tech, Some(TermHw), HW,
        "parity error", "奇偶校验错误",
        "re-swipe steadily; if the reference card also fails, clean or replace the head",
        "匀速重刷；若参考卡也失败，清洁或更换磁头"),
    sig!(Track(TrackFault::Lrc), 7, Tech, Some(TermHw), HW,
        "LRC error", "LRC 校验错误",
        "re-swipe steadily; if the reference card also fails, clean or replace the head",
        "匀速重刷；若参考卡也失败，清洁或更换磁头"),
    sig!(Track(TrackFault::LineDamaged), 1, TermHw, None, NO,
        "track bits damaged on the serial line (one byte, several characters)",
        "磁道数据在串口线路上损坏（一个字节跨多个字符）",
        "check the cable, shielding and grounding; try another cable or a lower baud rate",
        "检查线缆、屏蔽和接地；更换线缆或降低波特率"),
    sig!(Track(TrackFault::BadFormat), 12, Card, Some(Tech), NO,
        "track layout not valid", "磁道格式无效",
        "re-swipe; check the card type", "重刷；检查卡片类型"),
    sig!(Plain(Signal::Luhn), 12, Card, Some(Tech), NO,
        "PAN fails the Luhn check (misread or non-bank card)", "卡号 Luhn 校验失败（误读或非银行卡）",
        "re-swipe; host would answer 14/15", "重刷；主机会返回 14/15"),
    sig!(Plain(Signal::UnknownBin), 12, Card, None, NO,
        "BIN not in the table", "BIN 不在表中",
        "check the BIN table (--bins)", "检查 BIN 表（--bins）"),
    sig!(Plain(Signal::TrackMismatch), 8, Card, None, NO,
        "track 1 and track 2 disagree", "一磁道与二磁道不一致",
        "re-swipe; if it persists the card is damaged: replace it", "重刷；若持续则卡片损坏：换卡"),
    sig!(Plain(Signal::Expired), 10, Card, None, NO,
        "card expired", "卡片已过期",
        "do not send; replace the card", "不要发送交易；换卡"),
    sig!(Plain(Signal::ChipCardSwiped), 11, Tech, None, NO,
        "chip card swiped (service code 2xx/6xx): should be inserted",
        "芯片卡被刷卡（服务代码 2xx/6xx）：应插卡",
        "insert the card", "请插卡"),
    sig!(Plain(Signal::NoCard), 0, Tech, None, NO,
        "no card was presented", "未放卡",
        "present the card", "请放卡"),
    sig!(Plain(Signal::Mute), 13, Card, Some(TermHw), HW,
        "no ATR after cold and warm reset (mute chip)", "冷热复位均无 ATR（芯片无响应）",
        "clean the chip and re-insert; if the reference chip card also fails, repair the contacts",
        "清洁芯片后重插；若参考卡也失败，维修触点"),
    sig!(Plain(Signal::BadAtr), 15, TermHw, Some(Card), HW,
        "malformed ATR", "ATR 格式错误",
        "repeat; compare the rate per card and per terminal", "重复测试；比较各卡与各终端的出错率"),
    sig!(Plain(Signal::ChipNoCard), 0, Tech, None, NO,
        "no card at the IC position", "IC 位置无卡",
        "insert the card chip first, face up", "芯片朝前朝上插卡"),
    sig!(Plain(Signal::Sw(0x6A82)), 17, Card, Some(TermSw), NO,
        "no application found (6A82)", "找不到应用（6A82）",
        "compare the card's scheme with the terminal AID list", "比较卡片品牌与终端 AID 列表"),
    sig!(Plain(Signal::Sw(0x6A81)), 18, Card, Some(Acct), NO,
        "card blocked (6A81)", "卡片已锁定（6A81）",
        "send the cardholder to the bank", "请持卡人联系发卡行"),
    sig!(Plain(Signal::Sw(0x6283)), 19, Acct, Some(Bank), NO,
        "application blocked by the issuer (6283)", "应用被发卡行锁定（6283）",
        "the issuer must unblock the application", "需发卡行解锁应用"),
    sig!(Plain(Signal::Sw(0x6985)), 20, TermSw, Some(Card), NO,
        "GPO refused (6985): conditions of use not satisfied", "GPO 被拒（6985）：使用条件不满足",
        "check terminal country, currency and PDOL data (9F1A/5F2A)",
        "检查终端国家码、货币码和 PDOL 数据（9F1A/5F2A）"),
    sig!(Plain(Signal::ChipError), 25, TermHw, Some(Card), HW,
        "chip exchange failed", "芯片通讯失败",
        "clean the contacts; retry with the reference card", "清洁触点；用参考卡重试"),
    sig!(Plain(Signal::ApduTimeout), 25, TermHw, Some(Card), HW,
        "APDU exchange timed out (T=0)", "APDU 交换超时（T=0）",
        "clean the contacts; retry with the reference card", "清洁触点；用参考卡重试"),
    sig!(Plain(Signal::ChipExpired), 22, Card, None, NO,
        "chip application expired (5F24)", "芯片应用已过期（5F24）",
        "replace the card", "换卡"),
    sig!(Plain(Signal::ChipStripeMismatch), 8, Card, None, NO,
        "chip track-2 equivalent differs from the stripe", "芯片二磁道等效数据与磁条不一致",
        "possible counterfeit or re-personalised card: keep it aside", "可能为伪卡或重新个人化的卡：留存待查"),
    sig!(Plain(Signal::TvrOda), 23, TermSw, None, NO,
        "offline data authentication failed (TVR byte 1)", "脱机数据认证失败（TVR 第 1 字节）",
        "download the CA public keys and IC parameters", "下载 IC 公钥和参数"),
    sig!(Plain(Signal::TvrVersion), 24, TermSw, Some(Card), NO,
        "application version mismatch (TVR byte 2)", "应用版本不匹配（TVR 第 2 字节）",
        "update the terminal parameters", "更新终端参数"),
    sig!(Plain(Signal::OdaCaKey), 23, TermSw, None, NO,
        "the terminal has no CA public key for the card (RID and index 8F)",
        "终端缺少该卡的 CA 公钥（RID 与索引 8F）",
        "load the scheme's CA public keys into the terminal (IC key download)",
        "向终端下载该卡组织的 CA 公钥（IC 公钥下载）"),
    sig!(Plain(Signal::OdaFailed), 23, Card, Some(TermSw), NO,
        "offline data authentication failed on the card's certificates or signature",
        "脱机数据认证失败：卡片证书或签名无效",
        "replace the card; if every card of the scheme fails, check the terminal's CA keys",
        "换卡；若该卡组织所有卡均失败，检查终端 CA 公钥"),
    sig!(Plain(Signal::MuteAtCrypto), 25, TermHw, Some(Card), HW,
        "the chip went mute at GENERATE AC or INTERNAL AUTHENTICATE (it answered everything else)",
        "芯片在生成应用密文或内部认证时无应答（其他命令均有应答）",
        "marginal chip contacts or card supply: check the contact pressure and VCC under load; retry with the reference card",
        "芯片触点接触不良或供电不足：检查触点压力和带载 VCC；用参考卡重试"),
    sig!(Plain(Signal::IssuerAuthFailed), 0, Bank, Some(Card), NO,
        "issuer authentication failed: the card did not accept the issuer's ARPC (TVR byte 5)",
        "发卡行认证失败：卡片不接受发卡行的 ARPC（TVR 第 5 字节）",
        "one card: replace the card; every card of a bank: the bank's keys or ARPC method",
        "单张卡：换卡；同一银行所有卡：检查该行密钥或 ARPC 算法"),
    sig!(Plain(Signal::ScriptFailed), 0, Card, Some(Bank), NO,
        "the card refused an issuer script command (TVR byte 5)",
        "卡片拒绝执行发卡行脚本命令（TVR 第 5 字节）",
        "the card's application could not be updated: ask the issuer to re-issue the card",
        "卡片应用无法更新：请发卡行重新发卡"),
    sig!(Plain(Signal::AidMismatch), 0, Card, Some(TermHw), NO,
        "the final SELECT's FCI names another application (84) than the one selected",
        "最终选择的 FCI 中的应用标识（84）与所选应用不符",
        "retry with the reference card; one card: the card's file structure is damaged, replace it",
        "用参考卡重试；单张卡：卡片文件结构损坏，换卡"),
    sig!(Plain(Signal::OfflineDecline), 22, Card, Some(TermSw), NO,
        "the card declined offline (AAC): its issuer action code denial (or the terminal's TAC) meets the TVR",
        "卡片脱机拒绝（AAC）：发卡行行为代码-拒绝（或终端行为代码）与 TVR 相符",
        "read the TVR bits (cardbench decode); one card: the card's personalisation, every card: the terminal's TAC-denial",
        "查看 TVR 位（cardbench decode）；单张卡：卡片个人化问题；所有卡：终端 TAC-拒绝参数"),
    // The chip exchange worked (the card computed and answered a cryptogram): not TERM-HW.
    // What the terminal hands the card at completion (8A, 91, CDOL2 data) is its software and
    // parameters; one card alone, the reference card passing, is the card's risk management.
    sig!(Plain(Signal::DeclinedAfterApproval), 0, TermSw, Some(Card), NO,
        "the card declined at GENERATE AC 2 (AAC) what the host approved",
        "主机已批准，卡片在第二次 GENERATE AC 时拒绝（AAC）",
        "every card: check the terminal's online completion (8A, 91 and CDOL2 data it gives the card) and its EMV parameters; one card while the reference card passes: the card's risk management or personalisation, ask the issuer",
        "所有卡：检查终端联机完成处理（交给卡片的 8A、91 和 CDOL2 数据）及其 EMV 参数；仅一张卡且参考卡正常：卡片风险管理或个人化问题，联系发卡行"),
    sig!(Plain(Signal::VelocityExceeded), 0, Acct, Some(Card), NO,
        "the card is over its consecutive offline limits (TVR byte 4) and the terminal declined it offline instead of going online",
        "卡片超过连续脱机交易次数上限（TVR 第 4 字节），终端未联机而脱机拒绝",
        "not a terminal fault: do one approved online transaction with the card (it resets the count); if the terminal never goes online, check its TAC-denial and its host link",
        "非终端故障：用该卡完成一笔联机批准的交易（计数随之清零）；若终端从不联机，检查其 TAC-拒绝参数和主机链路"),
    sig!(Plain(Signal::PinTryLimit), 0, Acct, Some(Card), NO,
        "the card's offline PIN is blocked: its PIN try counter is 0 (TVR byte 3)",
        "卡片脱机 PIN 已锁定：PIN 尝试计数器为 0（TVR 第 3 字节）",
        "not a terminal fault: the issuer unblocks the PIN (PIN unblock script at the bank or an ATM); a test card: have it reset",
        "非终端故障：由发卡行解锁 PIN（银行柜台或 ATM 的 PIN 解锁脚本）；测试卡：送回重置"),
    sig!(Plain(Signal::ConnectFailed), 27, Net, None, NO,
        "TCP connect to the host failed", "连接主机失败",
        "check the line; the card is not implicated", "检查线路；与卡片无关"),
    sig!(Plain(Signal::EchoTimeout), 27, Net, None, NO,
        "no reply to the echo test", "回响测试无应答",
        "check the line; the card is not implicated", "检查线路；与卡片无关"),
    sig!(Plain(Signal::AuthTimeout), 28, Net, Some(Bank), NO,
        "no authorisation response before the timeout", "授权应答超时",
        "count by issuer and time of day; retry later", "按发卡行和时段统计；稍后重试"),
    sig!(Plain(Signal::ReversalMissing), 28, Net, Some(Bank), NO,
        "the reversal got no 0410", "冲正无应答",
        "check the host link", "检查主机链路"),
    sig!(Plain(Signal::HostError), 27, Net, Some(TermSw), NO,
        "the host reply could not be used", "主机应答无法解析",
        "check the framing and packing settings", "检查报文帧格式和打包设置"),
    sig!(Plain(Signal::ArqcRejected), 0, Card, Some(Bank), NO,
        "the issuer declined the chip authorisation: the ARQC does not verify (RC 59)",
        "发卡行拒绝芯片授权：ARQC 校验失败（应答码 59）",
        "one card of a bank: the card's keys are wrong, replace the card; every card of a bank: the bank's key set-up",
        "同一银行单张卡：卡片密钥错误，换卡；同一银行所有卡：检查该行密钥配置"),
    sig!(Plain(Signal::PromptTimeout), 0, Tech, None, NO,
        "the prompt timed out (no card presented)", "提示超时（未放卡）",
        "present the card when asked; raise --prompt-timeout", "按提示放卡；可增大 --prompt-timeout"),
    sig!(Plain(Signal::Skipped), 0, Unknown, None, NO,
        "step skipped by the operator", "操作员跳过此步骤", "", ""),
    sig!(Plain(Signal::Unsupported), 0, Unknown, None, NO,
        "the device cannot do this step", "设备不支持此步骤", "", ""),
    // -- a whole POS terminal on the host link (pos8583, docs/pos.md)
    sig!(Plain(Signal::PosNoMessage), 0, Net, Some(TermHw), NO,
        "the terminal sent nothing for the sale", "终端未发出交易报文",
        "check the terminal's host address and cable; watch the terminal's screen",
        "检查终端的主机地址和线缆；观察终端屏幕提示"),
    sig!(Plain(Signal::PosReadError), 0, TermHw, Some(Card), NO,
        "the terminal showed a card-read error and sent nothing", "终端提示读卡错误，未发出报文",
        "retry with the reference card; if every swipe fails, clean or replace the read head",
        "用参考卡重试；若每次刷卡都失败，清洁或更换磁头"),
    sig!(Plain(Signal::KeysRejected), 0, TermHw, Some(TermSw), NO,
        "the terminal refused its sign-on keys (check values)", "终端校验工作密钥失败（校验值不符）",
        "re-inject the master key (a tamper switch erases it when the case is opened)",
        "重新灌装主密钥（打开机壳会触发防拆自毁清除密钥）"),
    sig!(Plain(Signal::NotSignedOn), 0, TermSw, None, NO,
        "a request came before the terminal signed on", "终端未签到即发交易",
        "sign the terminal on, then repeat", "先签到再交易"),
    sig!(Plain(Signal::MacInvalid), 0, TermSw, Some(TermHw), NO,
        "the request's MAC is wrong", "报文 MAC 校验失败",
        "sign on again; if it persists, re-inject the master key", "重新签到；若仍失败，重新灌装主密钥"),
    sig!(Plain(Signal::MacAlgorithm), 0, TermSw, None, NO,
        "the terminal computes the other MAC algorithm", "终端使用的 MAC 算法与主机不一致",
        "set the terminal's MAC algorithm to the acquirer's (keys file `mac`)",
        "把终端的 MAC 算法设置为收单行要求的算法（密钥文件 mac 项）"),
    sig!(Plain(Signal::MacMissing), 0, TermSw, None, NO,
        "a financial request without a MAC (DE64)", "交易报文缺少 MAC（64 域）",
        "check the terminal's MAC setting", "检查终端的 MAC 设置"),
    sig!(Plain(Signal::PinWrong), 0, Acct, Some(TermHw), NO,
        "the PIN block holds other digits than the deck's PIN", "PIN 与测试卡的 PIN 不符",
        "re-enter the deck's PIN; if every card fails, repair the keypad (PIN pad)",
        "重新输入测试卡 PIN；若每张卡都不符，维修密码键盘"),
    sig!(Plain(Signal::PinBlockBad), 0, TermSw, Some(TermHw), NO,
        "the PIN block does not decrypt to a format-0 block", "PIN 块无法按格式 0 解密",
        "sign on again; check the terminal's PIN key and PIN-block format", "重新签到；检查终端 PIN 密钥和 PIN 块格式"),
    sig!(Plain(Signal::EntryFallback), 0, TermHw, Some(Card), NO,
        "a chip card arrived as a fallback swipe", "芯片卡降级为磁条交易",
        "one card: check its chip; every card: repair the chip reader (IC contacts)",
        "单张卡：检查芯片；每张卡：维修芯片读卡器（IC 触点）"),
    sig!(Plain(Signal::EntryMismatch), 0, TermSw, Some(Tech), NO,
        "the entry mode does not match how the card was used", "输入方式与实际用卡方式不符",
        "check the terminal's entry-mode (DE22) setting", "检查终端的服务点输入方式（22 域）"),
    sig!(Plain(Signal::CardMismatch), 0, Tech, None, NO,
        "not the deck's card (other bank or scheme)", "不是测试卡组中的这张卡（发卡行或卡组织不同）",
        "use the card the prompt names", "按提示使用对应的卡"),
    sig!(Plain(Signal::Track2Bad), 0, TermSw, Some(Card), NO,
        "DE35 is not a well-formed track-2 equivalent", "35 域二磁道数据格式错误",
        "check the terminal's track handling; re-swipe", "检查终端的磁道处理；重新刷卡"),
    sig!(Plain(Signal::IccDataMissing), 0, TermSw, None, NO,
        "a chip request without DE55 or its mandatory tags", "芯片交易缺少 55 域或其必选标签",
        "update the terminal's EMV kernel and IC parameters", "更新终端 EMV 内核和 IC 参数"),
    sig!(Plain(Signal::KernelVersion), 0, TermSw, None, NO,
        "the kernel's application version (9F09) is not the parameters'", "终端内核应用版本（9F09）与参数不符",
        "download the IC parameters again; update the EMV kernel", "重新下载 IC 参数；更新 EMV 内核"),
    sig!(Plain(Signal::Reversal(ReversalReason::Incomplete)), 0, TermHw, Some(TermSw), NO,
        "reversed after an approval: the terminal could not complete (printer)", "批准后冲正：终端无法完成交易（打印机）",
        "check the printer (paper, head, cover); then the terminal's completion",
        "检查打印机（纸、打印头、机盖）；再检查终端交易完成处理"),
    sig!(Plain(Signal::Reversal(ReversalReason::NoReply)), 0, Net, Some(Bank), NO,
        "reversed: no answer in time", "冲正：应答超时",
        "check the host link and timeouts", "检查主机链路和超时设置"),
    sig!(Plain(Signal::Reversal(ReversalReason::MacFailed)), 0, TermSw, None, NO,
        "reversed: the reply's MAC failed at the terminal", "冲正：终端校验应答 MAC 失败",
        "sign on again; check the MAC algorithm and keys", "重新签到；检查 MAC 算法和密钥"),
    sig!(Plain(Signal::Reversal(ReversalReason::Unusable)), 0, TermSw, Some(Card), NO,
        "reversed: the terminal could not use the reply", "冲正：终端无法处理应答",
        "check the terminal's software and the card's second GENERATE AC", "检查终端软件和卡片第二次 GENERATE AC"),
    sig!(Plain(Signal::DownloadsIgnored), 0, TermSw, None, NO,
        "the terminal ignored the host's download request", "终端未响应主机的下载要求",
        "start the public-key and IC-parameter downloads on the terminal; update its software",
        "在终端上手工下载公钥和 IC 参数；升级终端软件"),
    sig!(Plain(Signal::SoftwareVersion), 0, TermSw, None, NO,
        "the terminal software is older than the minimum", "终端软件版本低于要求",
        "update the terminal application", "升级终端应用程序"),
    sig!(Plain(Signal::StanReuse), 0, TermSw, None, NO,
        "a STAN was used twice", "流水号重复",
        "check the terminal's STAN counter (reset it in its settings)", "检查终端流水号计数（在设置中重置）"),
    sig!(Plain(Signal::Unbalanced), 0, TermSw, None, NO,
        "the settlement totals differ from the host's", "结算总额与主机不符（对账不平）",
        "print the terminal's batch detail; upload the batch; check its journal",
        "打印终端批次明细；批上送；检查终端交易流水"),
    sig!(Plain(Signal::UploadMismatch), 0, TermSw, None, NO,
        "the batch upload does not match the host's journal", "批上送与主机流水不符",
        "print the terminal's batch detail and compare", "打印终端批次明细并核对"),
    sig!(Plain(Signal::NoReversal), 0, TermSw, None, NO,
        "the terminal did not reverse an unanswered sale", "交易无应答时终端未发冲正",
        "update the terminal application (reversal on timeout)", "升级终端应用程序（超时冲正）"),
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

/// A signal as a screen or headless line shows it: its code in English (the CSV spelling a
/// technician greps for), its meaning from the signal table in other languages; empty for `ok`
/// there (the outcome already says 通过).
pub fn signal_label(signal: &Signal, lang: crate::i18n::Lang) -> String {
    match (lang, signal) {
        (crate::i18n::Lang::En, _) => signal.to_string(),
        (_, Signal::Ok) => String::new(),
        (lang, s) => classify(s).meaning.get(lang).to_string(),
    }
}

/// Signal → family → action. Response codes are classed by `codec::iso8583::rc`; unknown
/// signals and unknown or approving RCs classify as `UNKNOWN` (kept verbatim in the report,
/// never guessed).
pub fn classify(signal: &Signal) -> Classification {
    if let Signal::Rc(code) = signal {
        return match rc::decline_class(code) {
            Some(c) => Classification {
                family: c.family,
                alt: c.alt,
                row: 0,
                meaning: Text::new(
                    format!("response code {code}: {}", c.meaning_en),
                    format!("应答码 {code}：{}", c.meaning_zh),
                ),
                action: Text::new(c.action_en, c.action_zh),
                hardware_like: false,
            },
            None => unknown(&signal.code()),
        };
    }
    let kind = SignalKind::of(signal);
    match SIGNALS.iter().find(|r| r.kind == kind) {
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

/// The classification of a signal no table knows (`code` is shown verbatim).
pub fn unknown(code: &str) -> Classification {
    Classification {
        family: Family::Unknown,
        alt: None,
        row: 0,
        meaning: Text::new(
            format!("unclassified signal {code}"),
            format!("未分类信号 {code}"),
        ),
        action: Text::new("see the detail column", "见 detail 列"),
        hardware_like: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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
        assert_eq!(Signal::parse("t3:lrc").track_no(), Some(3));
        assert_eq!(SignalKind::of(&Signal::parse("t3:lrc")).code(), "lrc");
        assert_eq!(
            SignalKind::of(&Signal::parse("reader_error:E9")).code(),
            "reader_error"
        );
        // Every RC appears in one class only (the catalogue has one row per code).
        let mut seen = BTreeSet::new();
        for code in rc::known_codes() {
            assert!(seen.insert(code), "{code} twice");
        }
    }

    #[test]
    fn kinds_drop_track_and_detail_only() {
        let same = |a: &str, b: &str| {
            SignalKind::of(&Signal::parse(a)) == SignalKind::of(&Signal::parse(b))
        };
        assert!(same("t1:lrc", "t3:lrc"));
        assert!(same("t2:reader_error:E5", "reader_error:42"));
        assert!(same("rc:51", "rc:91"));
        assert!(same("bad_format", "t2:bad_format"));
        assert!(!same("t2:lrc", "t2:parity"));
        assert!(!same("sw6a82", "sw6a81"));
        assert!(!same("odd_one", "other_one"));
        assert_eq!(SignalKind::of(&Signal::parse("sw6a82")).code(), "sw6a82");
        assert_eq!(SignalKind::of(&Signal::parse("rc:51")).code(), "rc");
    }

    #[test]
    fn one_row_per_kind_and_every_row_reachable() {
        let mut kinds = BTreeSet::new();
        for r in SIGNALS {
            assert!(kinds.insert(r.kind.clone()), "{:?} twice", r.kind);
            assert!(
                !matches!(r.kind, SignalKind::Rc),
                "RCs are classed by the catalogue"
            );
            // The row's own spelling reads back to a signal of the same kind.
            let spelled = match &r.kind {
                Track(f) => format!("t2:{}", f.code()),
                SignalKind::ReaderError => "reader_error:E5".into(),
                k => k.code().into_owned(),
            };
            assert_eq!(
                SignalKind::of(&Signal::parse(&spelled)),
                r.kind,
                "{spelled}"
            );
            assert_eq!(classify(&Signal::parse(&spelled)).row, r.row, "{spelled}");
        }
    }
}
