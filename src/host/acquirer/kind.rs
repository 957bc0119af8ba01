//! What a request is: the transaction code of CUPS POS messages (MTI + 60.3, notes §1.3) and
//! the field-60 sub-fields every message carries.

use crate::codec::iso8583::Message;
use crate::i18n::{tr_static, Lang};

/// A sign-on's working-key layout (60.3 of the 0800, field 62 of the 0810; notes §1.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum SignOnLayout {
    /// `001`: single-length PIN and MAC keys, 24 bytes.
    Single,
    /// `003`: double-length PIN key, single MAC key, 40 bytes.
    Double,
    /// `004`: as 003 plus a double-length track key (TDK), 60 bytes.
    DoubleTrack,
    /// `006`: SM4 PIN, MAC and track keys, 60 bytes.
    Sm4,
}

impl SignOnLayout {
    /// The 60.3 network-management code.
    pub fn code(self) -> &'static str {
        match self {
            SignOnLayout::Single => "001",
            SignOnLayout::Double => "003",
            SignOnLayout::DoubleTrack => "004",
            SignOnLayout::Sm4 => "006",
        }
    }

    /// Bytes of each key's slot in field 62 (check value apart): 8 in `001`, else 16.
    pub fn key_width(self) -> usize {
        match self {
            SignOnLayout::Single => 8,
            SignOnLayout::Double | SignOnLayout::DoubleTrack | SignOnLayout::Sm4 => 16,
        }
    }

    /// Key slots in field 62: PIK and MAK, then a TDK in `004` and `006`.
    pub fn key_count(self) -> usize {
        match self {
            SignOnLayout::Single | SignOnLayout::Double => 2,
            SignOnLayout::DoubleTrack | SignOnLayout::Sm4 => 3,
        }
    }

    pub fn from_code(code: &str) -> Option<SignOnLayout> {
        Some(match code {
            "001" => SignOnLayout::Single,
            "003" => SignOnLayout::Double,
            "004" => SignOnLayout::DoubleTrack,
            "006" => SignOnLayout::Sm4,
            _ => return None,
        })
    }
}

/// The kind of a request, from its MTI and 60.3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum MessageKind {
    /// 0800 `001`/`003`/`004`/`006`.
    SignOn(SignOnLayout),
    /// 0820 `002`.
    SignOff,
    /// 0820 `301` (or 0800 with DE70 `301`).
    Echo,
    /// 0820 `362`.
    StatusUpload,
    /// 0820 `372` / 0800 `370` / 0800 `371`.
    KeyQuery,
    KeyDownload,
    KeyEnd,
    /// 0820 `382` / 0800 `380` / 0800 `381`.
    ParamQuery,
    ParamDownload,
    ParamEnd,
    /// 0100.
    Authorisation,
    /// 0200, processing code 00xxxx.
    Purchase,
    /// 0200, processing code 20xxxx (refund) or 0200 void.
    Refund,
    /// 0200 of any other processing code (balance inquiry…).
    OtherFinancial,
    /// 0400.
    Reversal,
    /// 0620 `951`.
    ScriptNotice,
    /// 0500 `201`.
    Settlement,
    /// 0320 `201`/`203`–`206`: transaction details.
    BatchUpload,
    /// 0320 `202`/`207`: end of the upload.
    BatchUploadEnd,
    /// Anything else (kept for the log).
    Other,
}

impl MessageKind {
    /// Classifies a request.
    pub fn of(m: &Message) -> MessageKind {
        let nmi = network_code(m);
        let nmi = nmi.as_deref().unwrap_or("");
        match m.mti.as_str() {
            "0800" | "0820" => {
                if let Some(l) = SignOnLayout::from_code(nmi) {
                    return MessageKind::SignOn(l);
                }
                match nmi {
                    "002" => MessageKind::SignOff,
                    "301" => MessageKind::Echo,
                    "362" => MessageKind::StatusUpload,
                    "372" => MessageKind::KeyQuery,
                    "370" => MessageKind::KeyDownload,
                    "371" => MessageKind::KeyEnd,
                    "382" => MessageKind::ParamQuery,
                    "380" => MessageKind::ParamDownload,
                    "381" => MessageKind::ParamEnd,
                    _ => MessageKind::Other,
                }
            }
            "0100" => MessageKind::Authorisation,
            "0200" => match m.text(3).and_then(|p| p.get(..2)) {
                Some("00") => MessageKind::Purchase,
                Some("20") => MessageKind::Refund,
                _ => MessageKind::OtherFinancial,
            },
            "0400" | "0420" => MessageKind::Reversal,
            "0620" => MessageKind::ScriptNotice,
            "0500" => MessageKind::Settlement,
            "0320" => match nmi {
                "202" | "207" => MessageKind::BatchUploadEnd,
                _ => MessageKind::BatchUpload,
            },
            _ => MessageKind::Other,
        }
    }

    /// Financial requests the host journals for settlement.
    pub fn is_financial(self) -> bool {
        matches!(
            self,
            MessageKind::Authorisation
                | MessageKind::Purchase
                | MessageKind::Refund
                | MessageKind::OtherFinancial
        )
    }

    /// A short English name for logs and the exchange facts (`sign-on`, `purchase`, `public-key
    /// download` …).
    pub fn name(self) -> &'static str {
        self.name_in(Lang::En)
    }

    /// [`MessageKind::name`] in `lang` (catalogue `host-kind-*`: 签到, 消费, 公钥下载 …).
    pub fn name_in(self, lang: Lang) -> &'static str {
        match self {
            MessageKind::SignOn(_) => tr_static(lang, "host-kind-sign-on"),
            MessageKind::SignOff => tr_static(lang, "host-kind-sign-off"),
            MessageKind::Echo => tr_static(lang, "host-kind-echo"),
            MessageKind::StatusUpload => tr_static(lang, "host-kind-status-upload"),
            MessageKind::KeyQuery => tr_static(lang, "host-kind-key-query"),
            MessageKind::KeyDownload => tr_static(lang, "host-kind-key-download"),
            MessageKind::KeyEnd => tr_static(lang, "host-kind-key-end"),
            MessageKind::ParamQuery => tr_static(lang, "host-kind-param-query"),
            MessageKind::ParamDownload => tr_static(lang, "host-kind-param-download"),
            MessageKind::ParamEnd => tr_static(lang, "host-kind-param-end"),
            MessageKind::Authorisation => tr_static(lang, "host-kind-authorisation"),
            MessageKind::Purchase => tr_static(lang, "host-kind-purchase"),
            MessageKind::Refund => tr_static(lang, "host-kind-refund"),
            MessageKind::OtherFinancial => tr_static(lang, "host-kind-financial"),
            MessageKind::Reversal => tr_static(lang, "host-kind-reversal"),
            MessageKind::ScriptNotice => tr_static(lang, "host-kind-script-notice"),
            MessageKind::Settlement => tr_static(lang, "host-kind-settlement"),
            MessageKind::BatchUpload => tr_static(lang, "host-kind-batch-upload"),
            MessageKind::BatchUploadEnd => tr_static(lang, "host-kind-batch-upload-end"),
            MessageKind::Other => tr_static(lang, "host-kind-other"),
        }
    }
}

/// Field 60's digits, whether the terminal packed it BCD (the spec) or ASCII (some builds).
pub fn field60(m: &Message) -> Option<String> {
    let v = m.get(60)?;
    let s = match v.as_text() {
        Some(t) => t.to_string(),
        None => crate::hexfmt::hex(v.as_bytes()),
    };
    Some(s)
}

/// 60.2: the batch number (6 digits).
pub fn batch_of(m: &Message) -> Option<String> {
    field60(m).and_then(|s| s.get(2..8).map(str::to_string))
}

/// 60.3 (or DE70 for ISO-style network management): the network-management code.
pub fn network_code(m: &Message) -> Option<String> {
    if let Some(c) = m.text(70) {
        return Some(c.to_string());
    }
    field60(m).and_then(|s| s.get(8..11).map(str::to_string))
}

/// 60.5: `2` marks a fallback swipe after a chip failure (notes §1.3).
pub fn ic_condition(m: &Message) -> Option<char> {
    field60(m).and_then(|s| s.chars().nth(12))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_mti_and_60_3() {
        let m = |mti: &str, f60: &str| Message::new(mti).with(60, f60);
        assert_eq!(
            MessageKind::of(&m("0800", "00000001004")),
            MessageKind::SignOn(SignOnLayout::DoubleTrack)
        );
        assert_eq!(
            MessageKind::of(&m("0820", "00000001372")),
            MessageKind::KeyQuery
        );
        assert_eq!(
            MessageKind::of(&m("0800", "00000001380")),
            MessageKind::ParamDownload
        );
        assert_eq!(
            MessageKind::of(&m("0500", "00000001201")),
            MessageKind::Settlement
        );
        assert_eq!(
            MessageKind::of(&m("0320", "00000001202")),
            MessageKind::BatchUploadEnd
        );
        assert_eq!(
            MessageKind::of(&m("0320", "00000001201")),
            MessageKind::BatchUpload
        );
        let p = Message::new("0200").with(3, "000000");
        assert_eq!(MessageKind::of(&p), MessageKind::Purchase);
        let e = Message::new("0800").with(70, "301");
        assert_eq!(MessageKind::of(&e), MessageKind::Echo);
        assert_eq!(
            batch_of(&m("0200", "22000123000600")).as_deref(),
            Some("000123")
        );
        assert_eq!(ic_condition(&m("0200", "22000123000620")), Some('2'));
    }
}
