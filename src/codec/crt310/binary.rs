//! The CRT-310's binary read mode (`45 31`, manual §9.10.1): stripe characters as raw
//! character codes, each uploaded as two ASCII hex digits.

/// Read mode byte of `45 3x`: ASCII characters or binary (raw character codes, §9.10.1).
pub const MODE_ASCII: u8 = 0x30;
pub const MODE_BINARY: u8 = 0x31;

/// The raw character code of a stripe character (without its parity bit): 6-bit
/// `char − 0x20` on track 1, 4-bit `char − 0x30` on tracks 2 and 3 (ISO/IEC 7811-2).
pub fn raw_code(track: u8, ch: u8) -> u8 {
    if track == 1 {
        ch.wrapping_sub(0x20) & 0x3F
    } else {
        ch.wrapping_sub(0x30) & 0x0F
    }
}

/// Binary-mode track data (manual §9.10.1: each raw code uploaded as two ASCII hex digits,
/// `03` → `30 33`) back to stripe characters; `None` when it is not hex.
pub fn decode_binary_track(track: u8, data: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(data).ok()?;
    let codes = crate::hexfmt::parse_hex(text).ok()?;
    // A raw code wider than the track's character size (6 bits on track 1, 4 bits on tracks
    // 2 and 3) is not stripe data: refuse it rather than invent a character.
    let (base, max) = if track == 1 {
        (0x20, 0x3F)
    } else {
        (0x30, 0x0F)
    };
    codes
        .iter()
        .map(|&c| (c <= max).then(|| char::from(base + c)))
        .collect()
}

/// Binary-mode track data for `text` (the simulator's side of [`decode_binary_track`]).
pub fn encode_binary_track(track: u8, text: &str) -> Vec<u8> {
    text.bytes()
        .flat_map(|b| format!("{:02X}", raw_code(track, b)).into_bytes())
        .collect()
}
