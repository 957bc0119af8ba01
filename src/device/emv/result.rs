//! What the EMV flow found, ready for reports: the outcome, one step per logical command,
//! the records read (card data masked) and the chip-versus-stripe track-2 comparison.

use crate::codec::emv::aid_rid_pix;
use crate::i18n::{Lang, Text};
use crate::sensitive::{Pan, Track2};
use serde::{Serialize, Serializer};

/// A step's note in the JSON: its English text, as before the note had two languages.
fn english<S: Serializer>(note: &Text, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&note.en)
}

/// How the flow ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EmvOutcome {
    /// Application selected, GPO done, records read.
    Ok,
    /// SELECT PSE answered `6A81`.
    CardBlocked,
    /// Every matching application answered `6283`.
    AppBlocked,
    /// No PSE and no terminal AID on the card (`6A82` everywhere).
    NoApplication,
    /// GPO answered `6985` (or another error) for every candidate.
    GpoRefused,
    /// A READ RECORD of the AFL failed.
    ReadRecordFailed,
    /// GENERATE AC 1 was refused or gave no cryptogram.
    GenerateAcFailed,
    /// The final SELECT's FCI names another application (`84`) than the one selected (EMV
    /// Book 1 §12.4); the detail is in `error`.
    AidMismatch,
    /// No ATR after cold and warm reset, or the card stopped answering.
    Mute,
    /// The reader has no card at the IC position.
    NoCard,
    /// The device was lost or misbehaved (detail in `error`).
    DeviceError,
}

impl EmvOutcome {
    pub fn as_str(&self) -> &'static str {
        match self {
            EmvOutcome::Ok => "ok",
            EmvOutcome::CardBlocked => "card_blocked",
            EmvOutcome::AppBlocked => "app_blocked",
            EmvOutcome::NoApplication => "no_application",
            EmvOutcome::GpoRefused => "gpo_refused",
            EmvOutcome::ReadRecordFailed => "read_record_failed",
            EmvOutcome::GenerateAcFailed => "generate_ac_failed",
            EmvOutcome::AidMismatch => "aid_mismatch",
            EmvOutcome::Mute => "mute",
            EmvOutcome::NoCard => "no_card",
            EmvOutcome::DeviceError => "device_error",
        }
    }
}

/// One logical step (T=0 GET RESPONSE / Le retries are folded into it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmvStep {
    /// `SELECT PSE`, `READ RECORD 1 SFI 1`, `SELECT A000000333010101`, `GET PROCESSING OPTIONS`.
    pub name: String,
    /// Final SW1 SW2 as hex (`9000`), empty when the card did not answer.
    /// The same command in Chinese (PBOC terms, `frames::describe_capdu_in`), for the screen;
    /// not in the JSON of `read --chip --json`.
    #[serde(skip)]
    pub name_zh: String,
    pub sw: String,
    /// What the bench made of it (`PIN ok`, `no PSE: …`, `card blocked`, …) in both languages,
    /// from the catalogue (`devices-emv-note-*`); the JSON of `read --chip --json` carries the
    /// English.
    #[serde(serialize_with = "english")]
    pub note: Text,
    /// The step was a READ RECORD of the PSE directory, answered or not (EMV Book 1 §12.2.3):
    /// how a judge tells a selection through the PSE from one through the AID list.
    #[serde(skip)]
    pub directory_record: bool,
    /// APDU exchanges this step took (3 = command + 6Cxx retry + GET RESPONSE, …).
    pub exchanges: u32,
    pub duration_ms: u64,
}

/// One TLV of a record, value masked when it is card data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MaskedTlv {
    pub tag: String,
    pub len: usize,
    /// Spaced hex value, or `**` per byte for card data.
    pub value: String,
}

/// A record read over the AFL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmvRecord {
    pub sfi: u8,
    pub record: u8,
    pub tlv: Vec<MaskedTlv>,
}

/// How the online completion went (EMV Book 3 §10.9–10.10): after the host's answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EmvOnline {
    /// The authorisation response code sent to the card (`8A`, two characters; `Z3` when the
    /// terminal could not go online).
    pub arc: String,
    /// EXTERNAL AUTHENTICATE: `Some(true)` the card accepted the ARPC, `Some(false)` it did
    /// not, `None` not performed (no `91`, or the AIP has no issuer authentication).
    pub issuer_auth: Option<bool>,
    /// CID of GENERATE AC 2 (hex: `40` TC, `00` AAC); empty when it gave no cryptogram, `None`
    /// when it was not sent.
    pub cid2: Option<String>,
    /// SW of GENERATE AC 2 (hex), empty when not sent.
    pub gen_ac2_sw: String,
    #[serde(skip)]
    pub gen_ac2_sent: bool,
    /// Script commands in the host's answer, and how many were sent (test cards only).
    pub scripts_received: usize,
    pub scripts_sent: usize,
    /// A script command was refused (TVR byte 5 `20` or `10`).
    pub script_failed: bool,
    /// TVR and TSI at the end of the completion (hex).
    pub tvr: String,
    pub tsi: String,
}

/// What the EMV flow found. Everything serialisable is masked.
#[derive(Clone, Debug, Serialize)]
pub struct EmvResult {
    pub outcome: EmvOutcome,
    /// Spaced hex (`3B 67 00 …`): unspaced, an ATR's digit run can pass Luhn and trip the
    /// clear-PAN scanner.
    pub atr: Option<String>,
    pub t1: bool,
    /// AID selected (hex).
    pub aid: Option<String>,
    pub label: Option<String>,
    pub pan: Option<Pan>,
    /// 5F24 YYMMDD.
    pub expiry: Option<String>,
    pub service_code: Option<String>,
    pub aip: Option<String>,
    pub afl: Option<String>,
    /// Whether the chip's track-2 equivalent (57) equals the stripe's track 2 (compared in
    /// clear inside, never printed); `None` when either is missing.
    pub track2_matches_stripe: Option<bool>,
    /// How offline data authentication ended (`DDA ok`, `SDA failed: …`).
    pub oda: super::oda::OdaOutcome,
    /// PAN sequence number (`5F34`).
    pub pan_seq: Option<u8>,
    /// TVR (`95`) as sent in GENERATE AC 1 (hex), once the terminal's decisions were made.
    pub tvr: Option<String>,
    /// TSI (`9B`) at the end of the flow (hex).
    pub tsi: Option<String>,
    /// CVM Results (`9F34`, hex).
    pub cvm_results: Option<String>,
    /// What VERIFY said of a deck test card's offline PIN (`verify`); `None` when the flow
    /// sent no VERIFY and found no blocked PIN try counter.
    pub pin_verify: Option<super::process::PinVerify>,
    /// CID (`9F27`) and ATC (`9F36`) of GENERATE AC 1 (hex).
    pub cid: Option<String>,
    pub atc: Option<String>,
    /// The online completion, once the host's answer went to the card.
    pub online: Option<EmvOnline>,
    pub steps: Vec<EmvStep>,
    pub records: Vec<EmvRecord>,
    /// Device error text when the outcome is `device_error`.
    pub error: Option<String>,
    /// The raw record templates (card data: never serialised or printed).
    #[serde(skip)]
    pub raw_records: Vec<Vec<u8>>,
    #[serde(skip)]
    pub track2: Option<Track2>,
    /// DE55 for the authorisation (BER-TLV), empty when GENERATE AC gave no cryptogram. Not
    /// card data, but kept out of JSON: its hex digit runs can look like a PAN.
    #[serde(skip)]
    pub de55: Vec<u8>,
}

impl EmvResult {
    /// A result with nothing found yet (outcome `ok` until the flow says otherwise).
    pub fn empty() -> EmvResult {
        EmvResult {
            outcome: EmvOutcome::Ok,
            atr: None,
            t1: false,
            aid: None,
            label: None,
            pan: None,
            expiry: None,
            service_code: None,
            aip: None,
            afl: None,
            track2_matches_stripe: None,
            oda: Default::default(),
            pan_seq: None,
            tvr: None,
            tsi: None,
            cvm_results: None,
            pin_verify: None,
            cid: None,
            atc: None,
            online: None,
            steps: Vec::new(),
            records: Vec::new(),
            error: None,
            raw_records: Vec::new(),
            track2: None,
            de55: Vec::new(),
        }
    }

    /// SW of every step, as `STEP=SW` joined with `;` (for CSV cells). An AID in a step name
    /// is written as RID and PIX (`SELECT A000000003 1010=6A82`, ISO/IEC 7816-5): the long
    /// digit runs of a contiguous AID would otherwise look like a card number to the output
    /// guard's digit scan, which then stars out the very evidence of which AIDs were tried.
    pub fn sw_trail(&self) -> String {
        self.sw_trail_in(Lang::En)
    }

    /// [`EmvResult::sw_trail`] for people in `lang`: the instruction names in `lang`
    /// (`选择 PSE=9000；读记录 1 SFI 1=9000`); the CSV keeps the English one.
    pub fn sw_trail_in(&self, lang: Lang) -> String {
        let sep = match lang {
            Lang::En => ";",
            Lang::ZhCn => "；",
        };
        self.steps
            .iter()
            .map(|s| {
                let sw = if s.sw.is_empty() { "-" } else { &s.sw };
                let name = crate::codec::apdu::ins_words_in(&rid_and_pix(&s.name), lang);
                format!("{name}={sw}")
            })
            .collect::<Vec<_>>()
            .join(sep)
    }
}

/// `SELECT A0000000031010` → `SELECT A000000003 1010`: the last word of a step name through
/// [`aid_rid_pix`] when the step is a SELECT.
fn rid_and_pix(name: &str) -> String {
    match name.rsplit_once(' ') {
        Some((head, aid)) if head.starts_with("SELECT") => format!("{head} {}", aid_rid_pix(aid)),
        _ => name.to_string(),
    }
}

/// Compares chip and stripe track 2 (separator `D` vs `=`, trailing `F` pad ignored).
pub fn track2_equal(a: &Track2, b: &Track2) -> bool {
    let norm = |t: &Track2| {
        t.expose_clear()
            .trim_start_matches(';')
            .trim_end_matches('?')
            .trim_end_matches(['F', 'f'])
            .replace(['D', 'd'], "=")
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod trail_tests {
    use super::*;

    /// The AID-list evidence survives the output guard whole: every common AID with its SW.
    #[test]
    fn a_trail_of_aids_is_not_taken_for_card_numbers() {
        let mut r = EmvResult::empty();
        for aid in [
            "A0000000031010",
            "A0000000041010",
            "A000000333010101",
            "A000000333010102",
            "A00000002501",
            "A0000000651010",
            "A0000001523010",
        ] {
            r.steps.push(EmvStep {
                name: format!("SELECT {aid}"),
                name_zh: String::new(),
                sw: "6A82".into(),
                note: Text::default(),
                directory_record: false,
                exchanges: 1,
                duration_ms: 0,
            });
        }
        let trail = r.sw_trail();
        assert!(trail.starts_with("SELECT A000000003 1010=6A82;SELECT A000000004 1010=6A82;"));
        assert_eq!(crate::sensitive::guard_line(&trail), trail);
        assert_eq!(rid_and_pix("SELECT PSE"), "SELECT PSE");
        assert_eq!(
            rid_and_pix("GET PROCESSING OPTIONS"),
            "GET PROCESSING OPTIONS"
        );
    }
}
