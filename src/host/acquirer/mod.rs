//! What the acquirer host answers (message handling, apart from how bytes come and go, which
//! is `server` for TCP terminals and `pos8583` for one POS line): decode a request, verify its
//! MAC, decide by the rules, serve sign-on keys, downloads, purchases, reversals, script
//! notices, settlement and batch upload, and build the MACed reply. Every exchange also
//! yields an [`Exchange`] of typed facts for the checklist's POS judge.
//!
//! Submodules: `kind` (MTI + 60.3), `terminal` (per-terminal state), `signon` (field-62
//! working keys), `download` (public keys and IC parameters with paging), `financial`
//! (purchases, PIN and DE55, reversals, script notices), `settle` (0500 totals, 0320),
//! `seal` (the MAC block and sealing a reply), `exchange` (the facts).

pub mod download;
pub mod exchange;
pub mod financial;
mod icc;
pub mod kind;
pub mod seal;
pub mod settle;
pub mod signon;
pub mod terminal;

pub use exchange::{EntryMode, Exchange, IccSummary, MacCheck, PinBook, PinCheck, Withhold};
pub use kind::{MessageKind, SignOnLayout};

use super::keys::KeyStore;
use super::params::Params;
use super::rules::{request_pan, Action, Context, Decision, Rules};
use super::wire::summary_in;
use crate::codec::iso8583::framing::{self, Framing};
use crate::codec::iso8583::{decode, Decoded, Message, Packing};
use crate::i18n::{t, tr, Lang};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use terminal::Terminal;

/// Everything that decides the host's answers.
#[derive(Clone, Debug)]
pub struct AcquirerConfig {
    pub rules: Rules,
    pub keys: KeyStore,
    pub params: Params,
    /// PINs the deck gives for its test cards.
    pub pins: PinBook,
    /// Entries per page in the download query replies (field-62 paging).
    pub page_size: usize,
    /// Ask IC POS applications (header `61`) for the public-key and IC-parameter downloads
    /// through the processing requirement until they complete them.
    pub push_downloads: bool,
    /// The bench's one-shot "no reply to the next financial request".
    pub withhold: Withhold,
    /// The language of the log lines (`--lang`); the exchange facts stay English.
    pub lang: Lang,
}

impl Default for AcquirerConfig {
    fn default() -> Self {
        AcquirerConfig {
            rules: Rules::default(),
            keys: KeyStore::builtin(),
            params: Params::builtin(),
            pins: PinBook::default(),
            page_size: 10,
            push_downloads: false,
            withhold: Withhold::default(),
            lang: Lang::En,
        }
    }
}

/// The host's answer to one frame, computed without touching the stream.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The decoded request (None when it did not decode).
    pub request: Option<Message>,
    pub decision: Option<Decision>,
    /// The framed reply to write, if any.
    pub reply: Option<Vec<u8>>,
    /// Close the connection after this frame.
    pub close: bool,
    /// Wait this long before writing the reply.
    pub delay: Duration,
    /// Log text (masked): request summary, then what was answered.
    pub line: String,
    /// The facts of the exchange (None when the request did not decode).
    pub exchange: Option<Exchange>,
}

impl Answer {
    fn empty() -> Answer {
        Answer {
            request: None,
            decision: None,
            reply: None,
            close: false,
            delay: Duration::ZERO,
            line: String::new(),
            exchange: None,
        }
    }
}

/// The acquirer host's message handling, shared by every connection.
#[derive(Debug)]
pub struct Acquirer {
    cfg: AcquirerConfig,
    terminals: Mutex<BTreeMap<String, Terminal>>,
    rrn: AtomicU64,
    seq: AtomicU64,
    /// When the host started: the run start of relative time windows (`+0m..+30m`).
    started: std::time::Instant,
}

// The rule names the host itself gives a decision (the exchange facts keep them; the log line
// shows them through `rule_in`).
const RULE_WITHHELD: &str = "bench: no reply, to see the reversal";
const RULE_NO_SM4_KEY: &str = "no SM4 master key for this terminal";
pub(crate) const RULE_MAC_CHECK: &str = "MAC check";
pub(crate) const RULE_PIN_CHECK: &str = "PIN check";
pub(crate) const RULE_ARQC_CHECK: &str = "ARQC check";
pub(crate) const RULE_TOTALS_UNREADABLE: &str = "settlement totals unreadable";
pub(crate) const RULE_TOTALS_DIFFER: &str = "settlement totals differ";

/// The rule that decided, for the log line: the host's own names in `lang`, a rules file's
/// names as written (in 「」 in Chinese, as text the user wrote).
fn rule_in(lang: Lang, rule: &str) -> Cow<'static, str> {
    match rule {
        super::rules::DEFAULT_RULE => tr(lang, "host-rule-default"),
        RULE_WITHHELD => tr(lang, "host-rule-withheld"),
        RULE_NO_SM4_KEY => tr(lang, "host-rule-no-sm4-key"),
        RULE_MAC_CHECK => tr(lang, "host-rule-mac-check"),
        RULE_PIN_CHECK => tr(lang, "host-rule-pin-check"),
        RULE_ARQC_CHECK => tr(lang, "host-rule-arqc-check"),
        RULE_TOTALS_UNREADABLE => tr(lang, "host-rule-totals-unreadable"),
        RULE_TOTALS_DIFFER => tr(lang, "host-rule-totals-differ"),
        other if lang == Lang::En => Cow::Owned(other.to_string()),
        other => Cow::Owned(format!("「{other}」")),
    }
}

/// What a handler hands back: the response code to answer with when it overrides the rules',
/// and the processing requirement it asks for.
#[derive(Default)]
pub(crate) struct Handled {
    pub rc: Option<String>,
    pub requirement: Option<u8>,
    /// A note for the log line (`MAC ok`, `PIN correct`, `3 keys`).
    pub note: String,
}

/// What a handler works on.
pub(crate) struct Turn<'a> {
    pub cfg: &'a AcquirerConfig,
    pub term: &'a mut Terminal,
    pub tid: &'a str,
    pub req: &'a Message,
    pub reply: &'a mut Message,
    pub ex: &'a mut Exchange,
    pub decision: &'a Decision,
}

impl Acquirer {
    pub fn new(cfg: AcquirerConfig) -> Acquirer {
        Acquirer {
            cfg,
            terminals: Mutex::new(BTreeMap::new()),
            rrn: AtomicU64::new(1),
            seq: AtomicU64::new(0),
            started: std::time::Instant::now(),
        }
    }

    /// What the rules see of the moment: the time of day and the time since this host
    /// started (the run start of relative windows).
    pub fn context(&self) -> super::rules::Context {
        super::rules::Context::since(self.started)
    }

    pub fn config(&self) -> &AcquirerConfig {
        &self.cfg
    }

    /// Decides and builds the reply to one request frame.
    pub fn answer(
        &self,
        framing: Framing,
        packing: Packing,
        frame: &framing::Frame,
        ctx: &Context,
    ) -> Answer {
        let arrived = std::time::Instant::now();
        let mut out = Answer::empty();
        let decoded = match decode(&frame.body, packing) {
            Ok(d) => d,
            Err(e) => {
                out.line = malformed_line(self.cfg.lang, &e.to_string(), frame, packing);
                return out;
            }
        };
        let req = decoded.message.clone();
        let lang = self.cfg.lang;
        let Some(resp_mti) = Message::response_mti(&req.mti) else {
            out.line = format!(
                "< {} ({})",
                summary_in(&req, lang),
                tr(lang, "host-line-not-request")
            );
            out.request = Some(req);
            return out;
        };
        let mut decision = self.cfg.rules.decide(&req, ctx);
        let mut ex = financial::facts(&req, frame.header.as_ref());
        if ex.kind.is_some_and(MessageKind::is_financial) && self.cfg.withhold.take() {
            decision.action = Action::NoReply;
            decision.rule = RULE_WITHHELD.into();
        }
        ex.rule = decision.rule.clone();
        ex.seq = self.seq.fetch_add(1, Ordering::Relaxed);
        let head = head_line(lang, &req, frame);
        out.delay = Duration::from_millis(decision.delay_ms);
        match decision.action {
            Action::NoReply => {
                self.note_unanswered(&frame.body, &decoded, &mut ex);
                out.line = format!(
                    "{head} > {} [{}]",
                    tr(lang, "host-line-no-reply"),
                    rule_in(lang, &decision.rule)
                );
            }
            Action::Close => {
                self.note_unanswered(&frame.body, &decoded, &mut ex);
                out.line = format!(
                    "{head} > {} [{}]",
                    tr(lang, "host-line-closed"),
                    rule_in(lang, &decision.rule)
                );
                out.close = true;
            }
            Action::Reply | Action::Malformed => {
                let (reply, line) = self.reply(
                    framing, packing, frame, &decoded, &resp_mti, &decision, &mut ex,
                );
                if reply.is_some() {
                    let ms = u64::try_from(arrived.elapsed().as_millis()).unwrap_or(u64::MAX);
                    ex.reply_ms = Some(ms.saturating_add(decision.delay_ms));
                }
                out.reply = reply;
                out.line = format!("{head} > {line} [{}]", rule_in(lang, &ex.rule));
            }
        }
        out.request = Some(req);
        out.decision = Some(decision);
        out.exchange = Some(ex);
        out
    }

    /// A request left unanswered by a rule: the MAC is still checked and a financial request
    /// still journaled (unapproved), so a later reversal finds it.
    fn note_unanswered(&self, body: &[u8], decoded: &Decoded, ex: &mut Exchange) {
        let Ok(mut terms) = self.terminals.lock() else {
            return;
        };
        let tid = ex.terminal_id.clone();
        let term = self.terminal(&mut terms, &tid);
        ex.mac = Some(seal::check(term, body, decoded));
        ex.rc_sent = None;
    }

    fn terminal<'t>(
        &self,
        terms: &'t mut BTreeMap<String, Terminal>,
        tid: &str,
    ) -> &'t mut Terminal {
        let mac = self.cfg.keys.terminal(tid).mac;
        terms
            .entry(tid.to_string())
            .or_insert_with(|| Terminal::new(mac))
    }

    /// Builds the reply: the handler of the request's kind, then MAC and framing.
    #[allow(clippy::too_many_arguments)]
    fn reply(
        &self,
        framing: Framing,
        packing: Packing,
        frame: &framing::Frame,
        decoded: &Decoded,
        resp_mti: &str,
        decision: &Decision,
        ex: &mut Exchange,
    ) -> (Option<Vec<u8>>, String) {
        let req = &decoded.message;
        let lang = self.cfg.lang;
        let Ok(mut terms) = self.terminals.lock() else {
            return (None, tr(lang, "host-line-state-unavailable").into_owned());
        };
        let tid = ex.terminal_id.clone();
        let term = self.terminal(&mut terms, &tid);
        if let Some(h) = &frame.header {
            term.app_type = Some(h.app_type());
        }
        if !ex.merchant_id.is_empty() {
            term.merchant_id = ex.merchant_id.clone();
        }
        let mac = seal::check(term, &frame.body, decoded);
        let mut reply = build_response(req, resp_mti, packing, &self.rrn);
        let handled = {
            let mut turn = Turn {
                cfg: &self.cfg,
                term: &mut *term,
                tid: &tid,
                req,
                reply: &mut reply,
                ex: &mut *ex,
                decision,
            };
            dispatch(&mut turn, &mac)
        };
        ex.mac = Some(mac);
        let rc = handled.rc.unwrap_or_else(|| decision.rc.clone());
        reply.set(39, rc.clone());
        if matches!(rc.as_str(), "00" | "10" | "11")
            && matches!(req.mti.get(1..2), Some("1") | Some("2"))
        {
            let n = self.rrn.load(Ordering::Relaxed);
            reply.set(38, format!("A{:05}", n % 100_000));
        }
        ex.rc_sent = Some(rc);
        let requirement = if decision.processing_requirement != 0 {
            decision.processing_requirement
        } else {
            handled.requirement.unwrap_or(0)
        };
        ex.requirement_sent = requirement;
        match requirement {
            4 => term.downloads.keys_asked += 1,
            5 => term.downloads.params_asked += 1,
            _ => {}
        }
        let body = match seal::encode_sealed(&reply, packing, req.get(64).is_some(), term) {
            Ok(b) => b,
            Err(e) => {
                let why = t!(lang, "host-line-cannot-encode", error = e.to_string());
                return (None, why.into_owned());
            }
        };
        let body = if decision.action == Action::Malformed {
            // MTI and bitmap kept, fields cut short: frames but never decodes.
            let keep = match packing {
                Packing::Cups => 10 + 1,
                Packing::Ascii => 20 + 1,
            };
            body[..keep.min(body.len())].to_vec()
        } else {
            body
        };
        let header = frame.header.map(|h| h.reply(requirement));
        let what = if decision.action == Action::Malformed {
            tr(lang, "host-line-malformed-reply").into_owned()
        } else {
            let mut w = summary_in(&reply, lang);
            if !handled.note.is_empty() {
                w.push_str(&format!(" ({})", handled.note));
            }
            if requirement != 0 {
                let r = t!(lang, "host-line-requirement", requirement = requirement);
                w.push_str(&format!(" {r}"));
            }
            w
        };
        (Some(framing::wrap(framing, header.as_ref(), &body)), what)
    }
}

/// Runs the handler of the request's kind.
fn dispatch(t: &mut Turn<'_>, mac: &MacCheck) -> Handled {
    let kind = t.ex.kind.unwrap_or(MessageKind::Other);
    match kind {
        MessageKind::SignOn(layout) => signon_turn(t, layout),
        MessageKind::SignOff => {
            t.term.keys = None;
            Handled::default()
        }
        MessageKind::KeyQuery
        | MessageKind::KeyDownload
        | MessageKind::KeyEnd
        | MessageKind::ParamQuery
        | MessageKind::ParamDownload
        | MessageKind::ParamEnd => download::handle(t, kind),
        MessageKind::Settlement => settle::settlement(t),
        MessageKind::BatchUpload => settle::upload(t),
        MessageKind::BatchUploadEnd => settle::upload_end(t),
        MessageKind::Reversal => financial::reversal(t),
        MessageKind::ScriptNotice => financial::script_notice(t, mac),
        k if k.is_financial() => financial::purchase(t, mac),
        _ => Handled::default(),
    }
}

/// 0800 sign-on: fresh working keys under the terminal's master key in field 62, the batch
/// number in 60.2, and the downloads the terminal still needs in the header.
fn signon_turn(t: &mut Turn<'_>, layout: SignOnLayout) -> Handled {
    let tk = t.cfg.keys.terminal(t.tid);
    let tmk = match layout {
        SignOnLayout::Sm4 => match &tk.sm4_tmk {
            Some(k) => k,
            None => {
                t.ex.rule = RULE_NO_SM4_KEY.into();
                return Handled {
                    rc: Some("A7".into()),
                    ..Handled::default()
                };
            }
        },
        _ => &tk.tmk,
    };
    let keys = match signon::draw(layout, tk.mac) {
        Ok(k) => k,
        Err(e) => {
            t.ex.rule = format!("cannot draw keys: {e}");
            return Handled {
                rc: Some("96".into()),
                ..Handled::default()
            };
        }
    };
    let Ok(de62) = signon::pack(layout, &keys, tmk) else {
        return Handled {
            rc: Some("96".into()),
            ..Handled::default()
        };
    };
    t.reply.set_bytes(62, de62);
    t.reply
        .set(60, format!("00{}{}", t.term.batch, layout.code()));
    let mut cvs = vec![
        ("PIK", keys.pik.check_value()),
        ("MAK", keys.mak.check_value()),
    ];
    if let Some(k) = &keys.tdk {
        cvs.push(("TDK", k.check_value()));
    }
    t.ex.sign_on = Some(exchange::SignOnInfo {
        layout,
        mac: tk.mac,
        check_values: exchange::kcvs(&cvs),
        batch: t.term.batch.clone(),
    });
    t.ex.master_kcv = Some(tmk.check_value().to_string());
    t.term.keys = Some(keys);
    t.term.mac = tk.mac;
    let note = cvs
        .iter()
        .map(|(n, c)| format!("{n} KCV {c}"))
        .collect::<Vec<_>>()
        .join(", ");
    Handled {
        rc: None,
        requirement: Some(t.term.pending_requirement(t.cfg.push_downloads)),
        note,
    }
}

fn malformed_line(lang: Lang, err: &str, frame: &framing::Frame, packing: Packing) -> String {
    let mut why = err.to_string();
    if frame.body.first().is_some_and(|b| b.is_ascii_digit()) != (packing == Packing::Ascii) {
        let hint = t!(lang, "host-line-not-packing", packing = packing.as_str());
        why.push_str(&format!(" {hint}"));
    }
    let line = t!(
        lang,
        "host-line-malformed-request",
        bytes = frame.body.len(),
        why = why
    );
    format!("< {line}")
}

fn head_line(lang: Lang, req: &Message, frame: &framing::Frame) -> String {
    let bank = request_pan(req)
        .and_then(|p| super::bank_of(p.expose_clear()))
        .map(|b| {
            let name = match (lang, crate::bins::find_bank(&b.code)) {
                (Lang::ZhCn, Some(k)) => k.zh.to_string(),
                _ => b.code,
            };
            format!(" {}", t!(lang, "host-line-bank", bank = name))
        })
        .unwrap_or_default();
    let header_note = frame
        .header
        .map(|h| {
            let v = h.software_version().to_string();
            format!(" {}", t!(lang, "host-line-version", version = v))
        })
        .unwrap_or_default();
    let kind = MessageKind::of(req);
    let network = format!(" {}", tr(lang, "host-summary-network-management"));
    let what = summary_in(req, lang).replacen(&network, &format!(" {}", kind.name_in(lang)), 1);
    format!("< {what}{bank}{header_note}")
}

/// Fields a response echoes from its request (protocols.md §6.3–6.4).
const ECHO: [u8; 15] = [2, 3, 4, 7, 11, 14, 22, 25, 32, 41, 42, 49, 60, 61, 70];

/// The reply skeleton: echoed fields, host time and date, retrieval reference number.
fn build_response(req: &Message, mti: &str, packing: Packing, rrn: &AtomicU64) -> Message {
    let mut r = Message::new(mti);
    for n in ECHO {
        if let Some(v) = req.get(n) {
            r.fields.insert(n, v.clone());
        }
    }
    let now = chrono::Local::now();
    let class = req.mti.get(1..2).unwrap_or("");
    if matches!(class, "1" | "2" | "4") || packing == Packing::Cups {
        r.set(12, now.format("%H%M%S").to_string());
        r.set(13, now.format("%m%d").to_string());
        let n = rrn.fetch_add(1, Ordering::Relaxed);
        r.set(37, format!("{:012}", n % 1_000_000_000_000));
    }
    r
}
