//! MSR206 / MSR605 wire format (protocols.md §2), sans-IO and shared by the driver
//! (`device::msr605`) and the simulator (`sim::msr605`): command and status bytes, the reply
//! framer (host side, [`parse`]), the command framer (device side, [`parse_command`]), the
//! data-block encoders, the names the frame log uses, and the data block → swipe decoding.

mod command;
mod frame;
mod reply;
mod swipe;

pub use command::{
    erase_selection, parse_command, write_block, write_command, Command, CommandParse,
};
pub use reply::{encode_iso_block, encode_raw_block, parse, DataBlock, Expect, Parsed, Reply};
pub use swipe::{swipe_from_reply, Presentation};

use crate::hexfmt::ascii_view;
use crate::i18n::{tr_static, Lang};

/// Escape: every command and reply starts with it.
pub const ESC: u8 = 0x1B;
/// `?` FS: the ending field of a data block.
pub const END_FIELD: [u8; 2] = [0x3F, 0x1C];
/// Longest frame the framer accepts before it gives up and resyncs: a raw block carries at most
/// 3 × 255 data bytes plus framing.
pub const MAX_FRAME: usize = 1024;

/// Command bytes (the byte after ESC).
pub mod cmd {
    pub const RESET: u8 = 0x61; // 'a'
    pub const READ_ISO: u8 = 0x72; // 'r'
    pub const WRITE_ISO: u8 = 0x77; // 'w'
    pub const COMM_TEST: u8 = 0x65; // 'e'
    pub const COMM_OK: u8 = 0x79; // 'y' (reply)
    pub const LEDS_OFF: u8 = 0x81;
    pub const LEDS_ON: u8 = 0x82;
    pub const LED_GREEN: u8 = 0x83;
    pub const LED_YELLOW: u8 = 0x84;
    pub const LED_RED: u8 = 0x85;
    pub const SENSOR_TEST: u8 = 0x86;
    pub const RAM_TEST: u8 = 0x87;
    pub const SET_LEADING_ZEROS: u8 = 0x7A; // 'z'
    pub const CHECK_LEADING_ZEROS: u8 = 0x6C; // 'l'
    pub const ERASE: u8 = 0x63; // 'c'
    pub const SELECT_BPI: u8 = 0x62; // 'b'
    pub const READ_RAW: u8 = 0x6D; // 'm'
    pub const WRITE_RAW: u8 = 0x6E; // 'n'
    pub const MODEL: u8 = 0x74; // 't'
    pub const FIRMWARE: u8 = 0x76; // 'v'
    pub const SET_BPC: u8 = 0x6F; // 'o'
    pub const SET_HICO: u8 = 0x78; // 'x'
    pub const SET_LOCO: u8 = 0x79; // 'y'
    pub const GET_COERCIVITY: u8 = 0x64; // 'd'
    /// Start field of a data block (`ESC s`).
    pub const BLOCK_START: u8 = 0x73;
}

/// The coercivity the MSR605 writes with (MSR606/605 Programmer's Manual §6 #21–#23).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coercivity {
    /// Hi-Co (2750–4000 Oe cards); the reader's power-on default.
    High,
    /// Lo-Co (300 Oe cards).
    Low,
}

impl Coercivity {
    /// The byte after ESC in the reply to `ESC d`. The manual prints `H`/`L`; real units send
    /// lower case (libmsr: "the user manual lies here"), and libmsr, libMSRx05, MSR605X and
    /// msr605-tool accept only `h`/`l`, so the simulator sends lower case.
    pub fn reply_byte(self) -> u8 {
        match self {
            Coercivity::High => b'h',
            Coercivity::Low => b'l',
        }
    }

    /// Reads the byte after ESC in the reply to `ESC d`, either case (`None`: not a
    /// coercivity answer).
    pub fn from_reply_byte(b: u8) -> Option<Coercivity> {
        match b {
            b'h' | b'H' => Some(Coercivity::High),
            b'l' | b'L' => Some(Coercivity::Low),
            _ => None,
        }
    }

    /// The command that selects it: `ESC x` Hi-Co, `ESC y` Lo-Co (both answer `ESC 0`).
    pub fn set_command(self) -> u8 {
        match self {
            Coercivity::High => cmd::SET_HICO,
            Coercivity::Low => cmd::SET_LOCO,
        }
    }
}

/// Status bytes (after ESC), protocols.md §2.3.
pub mod status {
    pub const OK: u8 = 0x30;
    pub const RW_ERROR: u8 = 0x31;
    pub const FORMAT_ERROR: u8 = 0x32;
    pub const INVALID_COMMAND: u8 = 0x34;
    pub const CARD_MOVING: u8 = 0x39;
    pub const FAILURE: u8 = 0x41;
}

/// What a status byte means, in English (error texts); unknown values are errors and are kept
/// verbatim by callers.
pub fn status_text(b: u8) -> &'static str {
    status_text_in(b, Lang::En)
}

/// What a status byte means in `lang` (catalogue `devices-msr605-status-*`; M606 §7).
pub fn status_text_in(b: u8, lang: Lang) -> &'static str {
    let id = match b {
        status::OK => "devices-msr605-status-ok",
        status::RW_ERROR => "devices-msr605-status-rw-error",
        status::FORMAT_ERROR => "devices-msr605-status-format-error",
        status::INVALID_COMMAND => "devices-msr605-status-invalid-command",
        status::CARD_MOVING => "devices-msr605-status-card-moving",
        status::FAILURE => "devices-msr605-status-failure",
        _ => "devices-msr605-status-undocumented",
    };
    tr_static(lang, id)
}

/// The name of the command whose byte after ESC is `code`, in `lang` (catalogue
/// `devices-msr605-cmd-*`; M606 §6).
pub fn command_name_in(code: u8, lang: Lang) -> &'static str {
    let id = match code {
        cmd::RESET => "devices-msr605-cmd-reset",
        cmd::READ_ISO => "devices-msr605-cmd-read-iso",
        cmd::WRITE_ISO => "devices-msr605-cmd-write-iso",
        cmd::COMM_TEST => "devices-msr605-cmd-comm-test",
        cmd::LEDS_OFF => "devices-msr605-cmd-leds-off",
        cmd::LEDS_ON => "devices-msr605-cmd-leds-on",
        cmd::LED_GREEN => "devices-msr605-cmd-led-green",
        cmd::LED_YELLOW => "devices-msr605-cmd-led-yellow",
        cmd::LED_RED => "devices-msr605-cmd-led-red",
        cmd::SENSOR_TEST => "devices-msr605-cmd-sensor-test",
        cmd::RAM_TEST => "devices-msr605-cmd-ram-test",
        cmd::SET_LEADING_ZEROS => "devices-msr605-cmd-set-leading-zeros",
        cmd::CHECK_LEADING_ZEROS => "devices-msr605-cmd-check-leading-zeros",
        cmd::ERASE => "devices-msr605-cmd-erase",
        cmd::SELECT_BPI => "devices-msr605-cmd-select-bpi",
        cmd::READ_RAW => "devices-msr605-cmd-read-raw",
        cmd::WRITE_RAW => "devices-msr605-cmd-write-raw",
        cmd::MODEL => "devices-msr605-cmd-model",
        cmd::FIRMWARE => "devices-msr605-cmd-firmware",
        cmd::SET_BPC => "devices-msr605-cmd-set-bpc",
        cmd::SET_HICO => "devices-msr605-cmd-set-hico",
        cmd::SET_LOCO => "devices-msr605-cmd-set-loco",
        cmd::GET_COERCIVITY => "devices-msr605-cmd-get-coercivity",
        _ => "devices-msr605-cmd-unknown",
    };
    tr_static(lang, id)
}

/// The model byte as the manual names it, in English (the device identity).
pub fn model_text(m: u8) -> String {
    model_text_in(m, Lang::En)
}

/// A terminal model as files record it (`MSR605 model 3 (tracks 1+2+3)`, the English
/// identity) said in `lang` (`MSR605 型号 3（磁道 1+2+3）`); any other model is shown as it is.
pub fn model_label_in(model: &str, lang: Lang) -> String {
    let byte = model
        .strip_prefix("MSR605 model ")
        .and_then(|rest| rest.bytes().next().filter(|_| rest.is_char_boundary(1)));
    match byte {
        Some(m) if lang != Lang::En => crate::i18n::t!(
            lang,
            "devices-msr605-layer-model",
            model = model_text_in(m, lang)
        )
        .into_owned(),
        _ => model.to_string(),
    }
}

/// The model byte and the tracks it reads, in `lang` (catalogue `devices-msr605-model-*`;
/// M606 §6 #18).
pub fn model_text_in(m: u8, lang: Lang) -> String {
    let id = match m {
        b'1' => "devices-msr605-model-t2",
        b'2' => "devices-msr605-model-t23",
        b'3' => "devices-msr605-model-t123",
        b'5' => "devices-msr605-model-t12",
        _ => "devices-msr605-model-unknown",
    };
    format!("{} ({})", ascii_view(&[m]), tr_static(lang, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The MSR605's identity as files record it, said in Chinese; other models as they are.
    #[test]
    fn model_label_in_chinese() {
        let m = "MSR605 model 3 (tracks 1+2+3)";
        assert_eq!(model_label_in(m, Lang::En), m);
        assert_eq!(model_label_in(m, Lang::ZhCn), "MSR605 型号 3 (磁道 1+2+3)");
        assert_eq!(model_label_in("CRT-310", Lang::ZhCn), "CRT-310");
        assert_eq!(model_label_in("MSR605 model ", Lang::ZhCn), "MSR605 model ");
    }
}
