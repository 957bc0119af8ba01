//! MSR206 / MSR605 wire format (protocols.md §2), sans-IO and shared by the driver
//! (`device::msr605`) and the simulator (`sim::msr605`): command and status bytes, the reply
//! framer (host side, [`parse`]), the command framer (device side, [`parse_command`]), the
//! data-block encoders, the names the frame log uses, and the data block → swipe decoding.

mod command;
mod reply;
mod swipe;

pub use command::{parse_command, Command, CommandParse};
pub use reply::{encode_iso_block, encode_raw_block, parse, DataBlock, Expect, Parsed, Reply};
pub use swipe::swipe_from_reply;

use crate::hexfmt::ascii_view;

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

/// Status bytes (after ESC), protocols.md §2.3.
pub mod status {
    pub const OK: u8 = 0x30;
    pub const RW_ERROR: u8 = 0x31;
    pub const FORMAT_ERROR: u8 = 0x32;
    pub const INVALID_COMMAND: u8 = 0x34;
    pub const CARD_MOVING: u8 = 0x39;
    pub const FAILURE: u8 = 0x41;
}

/// What a status byte means; unknown values are errors and are kept verbatim by callers.
pub fn status_text(b: u8) -> &'static str {
    match b {
        status::OK => "OK",
        status::RW_ERROR => "read/write error",
        status::FORMAT_ERROR => "command format error",
        status::INVALID_COMMAND => "invalid command",
        status::CARD_MOVING => "card moving error",
        status::FAILURE => "general failure",
        _ => "error (undocumented status)",
    }
}

/// Describes a command the host sends, for the frame log.
pub fn command_name(bytes: &[u8]) -> String {
    let Some(&c) = bytes.get(1) else {
        return "MSR605 (incomplete command)".into();
    };
    let name = match c {
        cmd::RESET => "reset",
        cmd::READ_ISO => "read ISO",
        cmd::WRITE_ISO => "write ISO",
        cmd::COMM_TEST => "communication test",
        cmd::LEDS_OFF => "all LEDs off",
        cmd::LEDS_ON => "all LEDs on",
        cmd::LED_GREEN => "green LED on",
        cmd::LED_YELLOW => "yellow LED on",
        cmd::LED_RED => "red LED on",
        cmd::SENSOR_TEST => "sensor test",
        cmd::RAM_TEST => "RAM test",
        cmd::SET_LEADING_ZEROS => "set leading zeros",
        cmd::CHECK_LEADING_ZEROS => "check leading zeros",
        cmd::ERASE => "erase card",
        cmd::SELECT_BPI => "select BPI",
        cmd::READ_RAW => "read raw",
        cmd::WRITE_RAW => "write raw",
        cmd::MODEL => "get model",
        cmd::FIRMWARE => "get firmware",
        cmd::SET_BPC => "set BPC",
        cmd::SET_HICO => "set Hi-Co",
        cmd::GET_COERCIVITY => "get Hi/Lo-Co",
        _ => "unknown command",
    };
    format!("MSR605 {name} (ESC {c:02X})")
}

/// The model byte as the manual names it.
pub fn model_text(m: u8) -> String {
    let tracks = match m {
        b'1' => "track 2 only",
        b'2' => "tracks 2+3",
        b'3' => "tracks 1+2+3",
        b'5' => "tracks 1+2",
        _ => "unknown",
    };
    format!("{} ({tracks})", ascii_view(&[m]))
}
