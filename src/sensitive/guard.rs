//! The output guard: one guard for every printed line and every CSV cell. A card number
//! typed into a label, echoed by a device or a host, or written with spaces
//! (`6217 0000 0000 0000 038`) or full-width digits must not reach the screen or a report; a
//! label with ESC, CR or LF must not drive the terminal or split a line; a CSV cell must not
//! become a formula (OWASP CSV injection, widened to the characters spreadsheets skip).

use super::{luhn_valid, mask_pan};

/// Finds the first 13–19 digit number that passes Luhn anywhere in `text`, also one written
/// in groups with spaces or dashes or in full-width digits (every window of every digit chain
/// is tried), and returns it masked. The last line of defence of every writer.
pub fn find_clear_pan(text: &str) -> Option<String> {
    digit_chains(text).iter().find_map(|chain| {
        let w = luhn_windows(chain).into_iter().next()?;
        let digits: String = chain[w]
            .iter()
            .map(|&(_, _, d)| char::from(b'0' + d))
            .collect();
        Some(mask_pan(&digits))
    })
}

/// A digit as a writer may type it: ASCII or full-width (`６２１７`, Chinese input methods).
fn digit_of(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// Characters that may separate the digit groups of a written card number: space, dash,
/// no-break space, the ideographic space.
fn is_group_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '\u{a0}' | '\u{3000}')
}

/// A chain of digit groups: each digit with its byte position in the text.
type Chain = Vec<(usize, char, u8)>;

/// The digit chains of `text`. A run of digits with no separator is a chain whatever its
/// length. Digit groups joined by single separators of one kind form one chain when every
/// group has at most 6 digits and every group but the first has at least 3, as card numbers
/// are written (4-4-4-4-3, 4-6-5, `x 12 6217 …`); dates (`2026-01-05`), times and timestamps
/// (`20260101-120000`) are not chains.
fn digit_chains(text: &str) -> Vec<Chain> {
    // Groups of digits, each with the separator that joins it to the group before (`None`
    // when anything else, or nothing, lies between them).
    let mut groups: Vec<(Option<char>, Chain)> = Vec::new();
    let mut current: Chain = Vec::new();
    let mut joined_by: Option<char> = None;
    let mut after_group: Option<char> = None;
    for (i, c) in text.char_indices() {
        if let Some(d) = digit_of(c) {
            if current.is_empty() {
                joined_by = after_group.take();
            }
            current.push((i, c, d));
        } else {
            let was_group = !current.is_empty();
            if was_group {
                groups.push((joined_by.take(), std::mem::take(&mut current)));
            }
            after_group = (was_group && is_group_separator(c)).then_some(c);
        }
    }
    if !current.is_empty() {
        groups.push((joined_by, current));
    }
    let mut chains = Vec::new();
    let mut chain: Chain = Vec::new();
    let (mut sep, mut n_groups, mut last_len) = (None::<char>, 0usize, 0usize);
    for (join, g) in groups {
        let joins = join.is_some_and(|j| {
            sep.is_none_or(|s| s == j)
                && (1..=6).contains(&last_len)
                && (n_groups == 1 || last_len >= 3)
                && g.len() <= 6
        });
        if joins {
            sep = join;
            n_groups += 1;
        } else {
            if !chain.is_empty() {
                chains.push(std::mem::take(&mut chain));
            }
            sep = None;
            n_groups = 1;
        }
        last_len = g.len();
        chain.extend(g);
    }
    if !chain.is_empty() {
        chains.push(chain);
    }
    chains
}

/// The 13–19 digit windows of a chain that pass Luhn, longest first, as index ranges into
/// the chain; windows never overlap. A window starting with `0` is not a card number (no
/// payment card has major industry identifier 0, ISO/IEC 7812-1 §4.1): zero-padded amounts
/// and counters are left alone.
fn luhn_windows(chain: &Chain) -> Vec<std::ops::Range<usize>> {
    let digits: String = chain
        .iter()
        .map(|&(_, _, d)| char::from(b'0' + d))
        .collect();
    let mut taken = vec![false; chain.len()];
    let mut out = Vec::new();
    for len in (13..=19.min(chain.len())).rev() {
        for off in 0..=chain.len() - len {
            if chain[off].2 == 0 || taken[off..off + len].iter().any(|&t| t) {
                continue;
            }
            if luhn_valid(&digits[off..off + len]) {
                taken[off..off + len].iter_mut().for_each(|t| *t = true);
                out.push(off..off + len);
            }
        }
    }
    out
}

/// Masks every clear card number in `text`, also one written with separators or full-width
/// digits: the digits between the first 6 and the last 4 become `*`, the separators stay.
/// A number followed by a track-2 separator (`=`, `D`) is track data: the digits and `F`
/// padding after the separator become `*` too (expiry, service code, discretionary data).
/// Text without one is returned unchanged.
pub fn mask_clear_pans(text: &str) -> String {
    let mut star: Vec<usize> = Vec::new();
    for chain in digit_chains(text) {
        for w in luhn_windows(&chain) {
            star.extend(chain[w.start + 6..w.end - 4].iter().map(|&(i, _, _)| i));
            if w.end == chain.len() {
                let (at, c, _) = chain[w.end - 1];
                star.extend(track_rest(text, at + c.len_utf8()));
            }
        }
    }
    if star.is_empty() {
        return text.to_string();
    }
    star.sort_unstable();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        out.push(if star.binary_search(&i).is_ok() {
            '*'
        } else {
            c
        });
    }
    out
}

/// Byte positions of the track data after a card number that ends at `from`: a `=` or `D`
/// separator, then the digits and `F` padding that follow it (none without the separator).
fn track_rest(text: &str, from: usize) -> Vec<usize> {
    let rest = text.get(from..).unwrap_or("");
    if !rest.starts_with(['=', 'D']) {
        return Vec::new();
    }
    rest.char_indices()
        .skip(1)
        .take_while(|&(_, c)| c.is_ascii_digit() || c == 'F' || c == 'f')
        .map(|(i, _)| from + i)
        .collect()
}

/// Which bytes of `bytes`, read as ASCII text, [`mask_clear_pans`] would star: the middle of
/// a card number (also one written in groups) and the track data after it. For the bytes of
/// a free-text field (ISO 8583 `ans`) or of data of unknown shape, masked in place in both the
/// hex and the ASCII view of a frame.
pub fn card_number_bytes(bytes: &[u8]) -> Vec<bool> {
    // One char per byte, so a char's index is its byte's index.
    let text: String = bytes
        .iter()
        .map(|&b| {
            if (0x20..0x7F).contains(&b) {
                b as char
            } else {
                '.'
            }
        })
        .collect();
    let masked = mask_clear_pans(&text);
    text.chars()
        .zip(masked.chars())
        .map(|(a, b)| a != b)
        .collect()
}

/// The hex of bytes of unknown shape with any card number in them starred byte by byte
/// (`**`): one written as ASCII digits (`34 37 36 31 …`) found in the bytes read as text, one
/// packed as BCD (`47 61 73 90 …`) found in the nibbles of runs of BCD bytes. A run made only
/// of ASCII digit bytes is not read as BCD: its nibbles (`3x3x3x…`) would match by chance.
pub fn mask_hex(bytes: &[u8]) -> String {
    let mut star = card_number_bytes(bytes);
    // As BCD: two nibbles per byte, over each run of bytes whose nibbles are all decimal —
    // but a run made only of ASCII digit bytes is text, read above.
    let bcd = |b: &u8| b >> 4 <= 9 && b & 0x0F <= 9;
    let mut nibbles = String::with_capacity(bytes.len() * 2);
    for run in bytes.chunk_by(|a, b| bcd(a) == bcd(b)) {
        let as_bcd = run.iter().all(bcd) && !run.iter().all(u8::is_ascii_digit);
        for &b in run {
            if as_bcd {
                nibbles.push(char::from(b'0' + (b >> 4)));
                nibbles.push(char::from(b'0' + (b & 0x0F)));
            } else {
                nibbles.push_str("..");
            }
        }
    }
    for chain in digit_chains(&nibbles) {
        for w in luhn_windows(&chain) {
            for &(i, _, _) in &chain[w.start + 6..w.end - 4] {
                star[i / 2] = true;
            }
        }
    }
    bytes
        .iter()
        .zip(star)
        .map(|(b, s)| {
            if s {
                "**".to_string()
            } else {
                format!("{b:02X}")
            }
        })
        .collect()
}

/// Whether `c` changes what a terminal shows beyond printing itself: C0 and C1 controls, DEL,
/// and the Unicode line separators and bidirectional overrides (which reorder what follows).
pub fn is_terminal_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Writes every terminal control as visible text (`\n`, `\r`, `\t`, `\u{1b}`), so a value
/// can neither drive the terminal nor split a line.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_terminal_control) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_terminal_control(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// The guard for one printed line (headless output, subcommand output, log lines on the
/// terminal): clear card numbers masked, terminal controls escaped. A tab is kept (it only
/// moves the cursor forward); the line must not carry its own newline.
pub fn guard_line(line: &str) -> String {
    let masked = mask_clear_pans(line);
    if !masked.chars().any(|c| c != '\t' && is_terminal_control(c)) {
        return masked;
    }
    masked
        .split('\t')
        .map(escape_controls)
        .collect::<Vec<_>>()
        .join("\t")
}

/// Guards text of several lines: each line through [`guard_line`], the newlines kept.
pub fn guard_text(text: &str) -> String {
    text.split('\n')
        .map(|l| guard_line(l.strip_suffix('\r').unwrap_or(l)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A writer that passes every line through [`guard_line`]: one `writeln!` is one line (a
/// newline inside a value is escaped, never a line break), and bytes written otherwise are
/// guarded line by line. For the headless run output and anything else printed as it comes.
pub struct GuardedWriter<W: std::io::Write> {
    inner: W,
    /// Bytes of a line not yet ended.
    pending: Vec<u8>,
}

impl<W: std::io::Write> GuardedWriter<W> {
    /// Guards what is written to `inner`.
    pub fn new(inner: W) -> Self {
        GuardedWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, line: &str, newline: bool) -> std::io::Result<()> {
        let mut text = String::from_utf8_lossy(&std::mem::take(&mut self.pending)).into_owned();
        text.push_str(line);
        let mut out = guard_line(&text);
        if newline {
            out.push('\n');
        }
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: std::io::Write> std::io::Write for GuardedWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
            let rest = self.pending.split_off(end + 1);
            self.pending.pop();
            self.emit("", true)?;
            self.pending = rest;
        }
        Ok(buf.len())
    }

    fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) -> std::io::Result<()> {
        let text = args.to_string();
        match text.strip_suffix('\n') {
            Some(line) => self.emit(line, true),
            None => self.write_all(text.as_bytes()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            self.emit("", false)?;
        }
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for GuardedWriter<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

/// Characters a spreadsheet skips before it looks for a formula: ASCII and Unicode white
/// space (LF, space, no-break space, the ideographic space…) and the zero-width ones.
fn skipped_by_spreadsheets(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{2060}') || c == '\0'
}

/// Whether a CSV cell would be evaluated as a formula by a spreadsheet (OWASP CSV injection,
/// widened): it starts with `=`, `+`, `-`, `@` or their full-width forms, after any leading
/// white space, or it starts with a control character (TAB, CR, LF, NUL).
pub fn is_formula_like(cell: &str) -> bool {
    if cell.chars().next().is_some_and(char::is_control) {
        return true;
    }
    matches!(
        cell.trim_start_matches(skipped_by_spreadsheets)
            .chars()
            .next(),
        Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠' | '﹦' | '﹢' | '﹣' | '﹫')
    )
}

/// The guard for one CSV cell: `None` when the cell holds a clear card number (also one with
/// separators: the writer refuses the cell), else the cell with a leading `'` when a
/// spreadsheet would evaluate it.
pub fn guard_cell(cell: &str) -> Option<String> {
    if find_clear_pan(cell).is_some() {
        return None;
    }
    Some(if is_formula_like(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pans_with_separators_or_full_width_digits_are_found() {
        for written in [
            "6217 0000 0000 0000 038",
            "6217-0000-0000-0000-038",
            "6217\u{a0}0000\u{a0}0000\u{a0}0000\u{a0}038",
            "card ６２１７０００００００００００００３８ here",
            "x 12 6217 0000 0000 0000 038",
        ] {
            assert!(find_clear_pan(written).is_some(), "{written:?}");
            let m = mask_clear_pans(written);
            assert!(find_clear_pan(&m).is_none(), "{written:?} → {m:?}");
            assert!(guard_cell(written).is_none(), "{written:?}");
        }
        assert_eq!(
            mask_clear_pans("pan 6217 0000 0000 0000 038."),
            "pan 6217 00** **** ***0 038."
        );
    }

    #[test]
    fn dates_times_and_mixed_separators_are_not_card_numbers() {
        for text in [
            "2026-01-05 12:30:45",
            "6217 0000-0000 0000 038",
            "ids 12 34 56 78 90 12 34 5",
            "6217  0000  0000  0000  038",
            "reports/demo-20260101-120000",
            "+86 138 0013 8000",
        ] {
            assert!(find_clear_pan(text).is_none(), "{text:?}");
            assert_eq!(mask_clear_pans(text), text);
        }
    }

    #[test]
    fn lines_are_masked_and_controls_escaped() {
        let l = guard_line("label \u{1b}]0;pwned\u{7}\u{1b}[2J\r\nnext 6217000000000000038");
        assert!(
            !l.chars().any(|c| c != '\t' && is_terminal_control(c)),
            "{l:?}"
        );
        assert!(l.contains("\\u{1b}]0;pwned") && l.contains("\\r\\n"), "{l}");
        assert!(l.ends_with("621700*********0038"), "{l}");
        assert_eq!(guard_line("a\tb"), "a\tb");
        assert_eq!(guard_line("RTL \u{202e}txt"), "RTL \\u{202e}txt");
        assert_eq!(guard_text("one\r\ntwo\u{1b}\n"), "one\ntwo\\u{1b}\n");
    }

    #[test]
    fn a_writeln_is_one_guarded_line() {
        use std::io::Write;
        let mut buf = Vec::new();
        {
            let mut w = GuardedWriter::new(&mut buf);
            let label = "a\nFAKE PASS line\u{1b}[2J";
            writeln!(w, "[1/2] {label} 6217 0000 0000 0000 038").unwrap();
            w.write_all(b"raw 6222020000000000018\npartial").unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text:?}");
        assert!(
            lines[0].starts_with("[1/2] a\\nFAKE PASS line\\u{1b}[2J 6217 00**"),
            "{text}"
        );
        assert!(find_clear_pan(&text).is_none(), "{text}");
        assert_eq!(lines[2], "partial");
    }

    #[test]
    fn formula_guard_is_wider() {
        for cell in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "\n=1",
            " =1",
            "\u{a0}=1",
            "＝HYPERLINK(\"x\")",
            "\u{3000}＝1",
            "\u{feff}=1",
            "\n",
        ] {
            assert_eq!(guard_cell(cell), Some(format!("'{cell}")), "{cell:?}");
        }
        for cell in ["ICBC", "", "a=b", "1-2", "工商银行"] {
            assert_eq!(guard_cell(cell).as_deref(), Some(cell), "{cell:?}");
        }
    }

    #[test]
    fn hex_of_unknown_data_masks_a_pan_as_ascii_or_bcd_only() {
        let ascii = b"4761739001010119";
        assert_eq!(mask_hex(ascii), "343736313733************30313139");
        let bcd = [0x62, 0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x32];
        assert_eq!(mask_hex(&bcd), "621234******1232");
        // ASCII digits that are no card number are not read as BCD nibbles.
        assert_eq!(mask_hex(b"10000019"), "3130303030303139");
        assert_eq!(mask_hex(&[0; 10]), "00".repeat(10));
    }

    #[test]
    fn track_data_after_a_card_number_is_hidden() {
        assert_eq!(
            mask_clear_pans("T2=4761739001010119=2512201114380440 ok"),
            "T2=476173******0119=**************** ok"
        );
        assert_eq!(
            mask_clear_pans("4761739001010119D25122011FFF end"),
            "476173******0119D*********** end"
        );
        // A window starting with 0 is no card number.
        assert_eq!(mask_clear_pans("00000000000000000"), "00000000000000000");
    }
}
