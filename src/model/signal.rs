//! What an attempt observed, as a type: the `signal` column of `attempts.csv`. `Signal::code`
//! is the one spelling of every signal (the CSV contract, docs/diagnosis.md); `Signal::parse`
//! reads it back and keeps a code it does not know verbatim as `Signal::Other`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// How one magnetic track failed (protocols.md §1.6); the part after `tN:` of a track signal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TrackFault {
    /// The reader returned nothing for the track.
    NoData,
    /// No start sentinel (`%`/`;`): typically a demagnetised stripe (CRT-310 `E1`).
    NoStartSentinel,
    /// No end sentinel (`?`): the swipe stopped or tilted.
    NoEndSentinel,
    /// Parity (VRC) error.
    Parity,
    /// Longitudinal redundancy check failed.
    Lrc,
    /// No flux transitions at all (reader code `E5`).
    Blank,
    /// Characters decoded but not a valid track layout.
    BadFormat,
    /// A reader error code the bench does not explain, kept verbatim.
    ReaderError(String),
    /// Bits of one byte damaged on the serial line, after the head (an MSR605 raw read that
    /// one byte repairs and no single character does): the line's, not the swipe's.
    LineDamaged,
}

impl TrackFault {
    /// The CSV spelling (`parity`, `reader_error:E5`).
    pub fn code(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            TrackFault::NoData => "no_data",
            TrackFault::NoStartSentinel => "no_start_sentinel",
            TrackFault::NoEndSentinel => "no_end_sentinel",
            TrackFault::Parity => "parity",
            TrackFault::Lrc => "lrc",
            TrackFault::Blank => "blank",
            TrackFault::BadFormat => "bad_format",
            TrackFault::LineDamaged => "line_damaged",
            TrackFault::ReaderError(c) => return Cow::Owned(format!("reader_error:{c}")),
        })
    }

    /// Parses the CSV spelling.
    pub fn parse(s: &str) -> Option<TrackFault> {
        Some(match s {
            "no_data" => TrackFault::NoData,
            "no_start_sentinel" => TrackFault::NoStartSentinel,
            "no_end_sentinel" => TrackFault::NoEndSentinel,
            "parity" => TrackFault::Parity,
            "lrc" => TrackFault::Lrc,
            "blank" => TrackFault::Blank,
            "bad_format" => TrackFault::BadFormat,
            "line_damaged" => TrackFault::LineDamaged,
            _ => TrackFault::ReaderError(s.strip_prefix("reader_error:")?.to_string()),
        })
    }
}

/// Why a POS terminal reversed a transaction: DE39 of its 0400 (notes §1.7, protocols.md §6.4).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReversalReason {
    /// `98`: no answer in time.
    NoReply,
    /// `96`: answered, but the terminal could not complete (receipt not printed).
    Incomplete,
    /// `A0`: the reply's MAC failed.
    MacFailed,
    /// `06`: the reply could not be used, or the card declined at GENERATE AC 2.
    Unusable,
    /// Any other code, verbatim.
    Other(String),
}

impl ReversalReason {
    /// DE39 of the reversal.
    pub fn code(&self) -> &str {
        match self {
            ReversalReason::NoReply => "98",
            ReversalReason::Incomplete => "96",
            ReversalReason::MacFailed => "A0",
            ReversalReason::Unusable => "06",
            ReversalReason::Other(c) => c,
        }
    }

    /// From DE39.
    pub fn parse(code: &str) -> ReversalReason {
        match code.trim() {
            "98" => ReversalReason::NoReply,
            "96" => ReversalReason::Incomplete,
            "A0" | "a0" => ReversalReason::MacFailed,
            "06" => ReversalReason::Unusable,
            c => ReversalReason::Other(c.to_string()),
        }
    }
}

/// What one attempt observed. Each variant has one spelling (`code`), documented with its
/// cause family in docs/diagnosis.md; the family itself comes from the signal table
/// (`diagnosis::classify`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Signal {
    /// The step passed.
    Ok,
    // -- the reader and its link
    /// The reader does not answer.
    NoReply,
    /// Hang-up or unplug.
    DeviceLost,
    /// Garbled or unexpected frames.
    ProtocolError,
    /// A reader error code not tied to a track, kept verbatim.
    ReaderError(String),
    /// The device cannot do this step (a SKIP row).
    Unsupported,
    // -- magnetic stripe
    /// Track `track` (1–3) failed with `fault`: `t2:lrc`.
    Track { track: u8, fault: TrackFault },
    /// The track layout is invalid (no track read at all).
    BadFormat,
    /// The PAN fails Luhn (a misread).
    Luhn,
    /// The BIN is in no table.
    UnknownBin,
    /// Track 1 and track 2 disagree.
    TrackMismatch,
    /// The stripe's expiry is before this month.
    Expired,
    /// A chip card (service code 2xx/6xx) was swiped on a chip-capable reader (note on a PASS).
    ChipCardSwiped,
    /// The reader saw no card.
    NoCard,
    // -- chip
    /// No ATR after cold and warm reset.
    Mute,
    /// A malformed ATR.
    BadAtr,
    /// Nothing at the IC position.
    ChipNoCard,
    /// A status word that ends the EMV flow (`sw6a82`).
    Sw(u16),
    /// The APDU exchange failed.
    ChipError,
    /// The card stopped answering (T=0 timeout).
    ApduTimeout,
    /// The application expiry 5F24 is before today.
    ChipExpired,
    /// The chip's track-2 equivalent differs from the stripe.
    ChipStripeMismatch,
    /// TVR: offline data authentication failed or was not performed.
    TvrOda,
    /// TVR: application versions differ.
    TvrVersion,
    /// Offline data authentication failed because the terminal has no CA public key for the
    /// card's RID and index (`8F`).
    OdaCaKey,
    /// Offline data authentication failed on the card's data: a certificate or signature that
    /// does not verify, or an expired certificate.
    OdaFailed,
    /// The card answered until GENERATE AC or INTERNAL AUTHENTICATE, then gave no answer: the
    /// commands that make it compute draw its peak current (marginal contacts or supply).
    MuteAtCrypto,
    /// TVR byte 5 `40`: the card did not accept the issuer's ARPC (EXTERNAL AUTHENTICATE or
    /// GENERATE AC 2).
    IssuerAuthFailed,
    /// TVR byte 5 `20`/`10`: the card refused an issuer script command.
    ScriptFailed,
    /// The final SELECT's FCI names another application (`84`) than the one selected.
    AidMismatch,
    /// The card answered GENERATE AC 1 with an AAC: declined offline, because the terminal's
    /// action analysis asked for it (the card's IAC-denial or the terminal's TAC-denial met the
    /// TVR) or by the card's own risk management.
    OfflineDecline,
    /// The host approved (DE39 `00`) but the card answered GENERATE AC 2 with an AAC (EMV
    /// Book 4 §12.2.4): the exchange worked, so the decision is the card's (its risk
    /// management on the issuer's answer) or the terminal's completion data, not the hardware.
    DeclinedAfterApproval,
    /// TVR byte 4 `40`/`20`: the card is over its consecutive offline limits (`9F14`/`9F23`
    /// against ATC − last online ATC) and the terminal's action codes declined it offline
    /// (AAC) instead of going online.
    VelocityExceeded,
    /// TVR byte 3 `20`: the card's offline PIN is blocked (PIN try counter `9F17` 0, or
    /// VERIFY answered `69 83`).
    PinTryLimit,
    // -- network
    /// The host cannot be reached.
    ConnectFailed,
    /// No 0810 to the echo.
    EchoTimeout,
    /// No 0210 in time.
    AuthTimeout,
    /// The reversal (0400/0410) after a failed authorisation is missing.
    ReversalMissing,
    /// The host's reply cannot be used (closed, malformed).
    HostError,
    /// No host configured (a SKIP row).
    NoHost,
    /// The host answered with this response code (field 39, kept verbatim): `rc:51`.
    Rc(String),
    /// The host declined a chip authorisation because the ARQC does not verify (RC 59).
    ArqcRejected,
    // -- a whole POS terminal on the host link (pos8583, docs/pos.md)
    /// The terminal sent nothing for a sale and showed nothing either.
    PosNoMessage,
    /// The terminal showed a card-read error and sent nothing.
    PosReadError,
    /// The terminal refused the sign-on's working keys (check values) or shows a key error.
    KeysRejected,
    /// A request came from a terminal that has not signed on (the host has no MAC key for it).
    NotSignedOn,
    /// DE64 does not match under the terminal's MAC key.
    MacInvalid,
    /// DE64 is right only under the other MAC algorithm (the terminal is set up for it).
    MacAlgorithm,
    /// A financial request without DE64.
    MacMissing,
    /// The PIN block holds other digits than the deck's PIN.
    PinWrong,
    /// The PIN block does not decrypt to a format-0 block for the card.
    PinBlockBad,
    /// A chip card arrived as a fallback swipe (DE22 80x / 60.5 = 2).
    EntryFallback,
    /// DE22 does not match the interface the operator used.
    EntryMismatch,
    /// The card in the message is not the deck's (another bank or scheme).
    CardMismatch,
    /// DE35 is not a well-formed track-2 equivalent.
    Track2Bad,
    /// A chip request without DE55, or without its mandatory tags.
    IccDataMissing,
    /// 9F09 differs from the kernel version the host's parameters ask for.
    KernelVersion,
    /// The terminal reversed with this reason (DE39 of the 0400): `reversal:96`.
    Reversal(ReversalReason),
    /// The terminal ignored the processing requirement (downloads not done).
    DownloadsIgnored,
    /// The header software version is older than the minimum.
    SoftwareVersion,
    /// A STAN was used twice.
    StanReuse,
    /// The settlement totals differ from the host's.
    Unbalanced,
    /// The batch upload does not match the host's journal.
    UploadMismatch,
    /// The terminal did not reverse a sale the host left unanswered.
    NoReversal,
    // -- the operator and the bench
    /// No card presented before the prompt timed out.
    PromptTimeout,
    /// The operator skipped the step.
    Skipped,
    /// The deck expected a failure and the step passed.
    ExpectationNotMet,
    /// A code this build does not know (from another version's CSV), kept verbatim; empty when
    /// no signal was recorded.
    Other(String),
}

impl Default for Signal {
    fn default() -> Self {
        Signal::Other(String::new())
    }
}

/// Signals without a payload and their spelling: the one table `code` and `parse` share.
const PLAIN: &[(Signal, &str)] = &[
    (Signal::Ok, "ok"),
    (Signal::NoReply, "no_reply"),
    (Signal::DeviceLost, "device_lost"),
    (Signal::ProtocolError, "protocol_error"),
    (Signal::Unsupported, "unsupported"),
    (Signal::BadFormat, "bad_format"),
    (Signal::Luhn, "luhn"),
    (Signal::UnknownBin, "unknown_bin"),
    (Signal::TrackMismatch, "track_mismatch"),
    (Signal::Expired, "expired"),
    (Signal::ChipCardSwiped, "chip_card_swiped"),
    (Signal::NoCard, "no_card"),
    (Signal::Mute, "mute"),
    (Signal::BadAtr, "bad_atr"),
    (Signal::ChipNoCard, "chip_no_card"),
    (Signal::ChipError, "chip_error"),
    (Signal::ApduTimeout, "apdu_timeout"),
    (Signal::ChipExpired, "chip_expired"),
    (Signal::ChipStripeMismatch, "chip_stripe_mismatch"),
    (Signal::TvrOda, "tvr_oda"),
    (Signal::TvrVersion, "tvr_version"),
    (Signal::OdaCaKey, "oda_ca_key"),
    (Signal::OdaFailed, "oda_failed"),
    (Signal::MuteAtCrypto, "mute_at_crypto"),
    (Signal::IssuerAuthFailed, "issuer_auth_failed"),
    (Signal::ScriptFailed, "script_failed"),
    (Signal::AidMismatch, "aid_mismatch"),
    (Signal::OfflineDecline, "offline_decline"),
    (Signal::DeclinedAfterApproval, "declined_after_approval"),
    (Signal::VelocityExceeded, "velocity"),
    (Signal::PinTryLimit, "pin_try_limit"),
    (Signal::ConnectFailed, "connect_failed"),
    (Signal::EchoTimeout, "echo_timeout"),
    (Signal::AuthTimeout, "auth_timeout"),
    (Signal::ReversalMissing, "reversal_missing"),
    (Signal::HostError, "host_error"),
    (Signal::NoHost, "no_host"),
    (Signal::ArqcRejected, "arqc_rejected"),
    (Signal::PosNoMessage, "pos_no_message"),
    (Signal::PosReadError, "pos_read_error"),
    (Signal::KeysRejected, "keys_rejected"),
    (Signal::NotSignedOn, "not_signed_on"),
    (Signal::MacInvalid, "mac_invalid"),
    (Signal::MacAlgorithm, "mac_algorithm"),
    (Signal::MacMissing, "mac_missing"),
    (Signal::PinWrong, "pin_wrong"),
    (Signal::PinBlockBad, "pin_block"),
    (Signal::EntryFallback, "fallback"),
    (Signal::EntryMismatch, "entry_mode"),
    (Signal::CardMismatch, "card_mismatch"),
    (Signal::Track2Bad, "de35"),
    (Signal::IccDataMissing, "de55_missing"),
    (Signal::KernelVersion, "kernel_version"),
    (Signal::DownloadsIgnored, "downloads_ignored"),
    (Signal::SoftwareVersion, "software_version"),
    (Signal::StanReuse, "stan_reuse"),
    (Signal::Unbalanced, "settlement_unbalanced"),
    (Signal::UploadMismatch, "batch_upload"),
    (Signal::NoReversal, "no_reversal"),
    (Signal::PromptTimeout, "prompt_timeout"),
    (Signal::Skipped, "skipped"),
    (Signal::ExpectationNotMet, "expectation_not_met"),
];

impl Signal {
    /// A track signal.
    pub fn track(track: u8, fault: TrackFault) -> Signal {
        Signal::Track { track, fault }
    }

    /// A response-code signal; the code is kept as received (trimmed).
    pub fn rc(code: &str) -> Signal {
        Signal::Rc(code.trim().to_string())
    }

    /// The CSV spelling: `ok`, `t2:lrc`, `sw6a82`, `rc:51`, `reader_error:E5`.
    pub fn code(&self) -> Cow<'static, str> {
        if let Some((_, s)) = PLAIN.iter().find(|(sig, _)| sig == self) {
            return Cow::Borrowed(s);
        }
        Cow::Owned(match self {
            Signal::Track { track, fault } => format!("t{track}:{}", fault.code()),
            Signal::Sw(sw) => format!("sw{sw:04x}"),
            Signal::Rc(rc) => format!("rc:{rc}"),
            Signal::Reversal(r) => format!("reversal:{}", r.code()),
            Signal::ReaderError(c) => format!("reader_error:{c}"),
            Signal::Other(s) => s.clone(),
            // Every other variant is in PLAIN.
            _ => String::new(),
        })
    }

    /// Reads a CSV spelling back. Never fails: an unknown code is kept as `Other`.
    pub fn parse(s: &str) -> Signal {
        let s = s.trim();
        if let Some((sig, _)) = PLAIN.iter().find(|(_, c)| *c == s) {
            return sig.clone();
        }
        if let Some(rc) = s.strip_prefix("rc:") {
            return Signal::rc(rc);
        }
        if let Some(r) = s.strip_prefix("reversal:") {
            return Signal::Reversal(ReversalReason::parse(r));
        }
        if let Some(code) = s.strip_prefix("reader_error:") {
            return Signal::ReaderError(code.to_string());
        }
        if let Some(hex) = s.strip_prefix("sw") {
            if hex.len() == 4 {
                if let Ok(sw) = u16::from_str_radix(hex, 16) {
                    return Signal::Sw(sw);
                }
            }
        }
        if let Some((t, rest)) = s.split_once(':') {
            let track = t.strip_prefix('t').and_then(|n| n.parse::<u8>().ok());
            if let (Some(track @ 1..=3), Some(fault)) = (track, TrackFault::parse(rest)) {
                return Signal::Track { track, fault };
            }
        }
        Signal::Other(s.to_string())
    }

    /// The track of a track signal.
    pub fn track_no(&self) -> Option<u8> {
        match self {
            Signal::Track { track, .. } => Some(*track),
            _ => None,
        }
    }

    /// The response code of an `rc:` signal.
    pub fn rc_code(&self) -> Option<&str> {
        match self {
            Signal::Rc(rc) => Some(rc),
            _ => None,
        }
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        matches!(self, Signal::Other(s) if s.is_empty())
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl Serialize for Signal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Signal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Signal::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_round_trips() {
        let all = [
            "ok",
            "t1:parity",
            "t2:lrc",
            "t3:reader_error:E9",
            "t2:no_start_sentinel",
            "t1:line_damaged",
            "reader_error:42",
            "sw6a82",
            "sw6283",
            "rc:51",
            "rc:A0",
            "reversal:96",
            "pin_wrong",
            "expectation_not_met",
            "chip_card_swiped",
            "someday_new_code",
            "",
        ];
        for s in all {
            assert_eq!(Signal::parse(s).code(), s, "{s}");
        }
        for (sig, code) in PLAIN {
            assert_eq!(Signal::parse(code), *sig);
        }
        assert_eq!(Signal::parse("sw6A82"), Signal::Sw(0x6A82));
        assert_eq!(Signal::parse("t2:lrc"), Signal::track(2, TrackFault::Lrc));
        assert!(matches!(Signal::parse("t9:lrc"), Signal::Other(_)));
        assert!(Signal::default().is_empty());
    }
}
