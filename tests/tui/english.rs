//! The "no English word" check of issue 17, shared by the zh-CN screen test (tui) and the
//! zh-CN text output tests (batch, summarize, decode): the English words of a text outside an
//! allow-list of acronyms, codes, model and scheme names and key names.

/// Words that stay as they are in Chinese text: acronyms and codes (docs/i18n.md), the cause
/// family codes shown next to their Chinese name, device control codes, model and card-scheme
/// names, the program and subcommand, key names, and `English` (the language switch names the
/// language it switches to).
pub const ALLOWED: &[&str] = &[
    // Acronyms and codes.
    "ATR",
    "APDU",
    "AID",
    "TVR",
    "TSI",
    "ODA",
    "SDA",
    "DDA",
    "AIP",
    "AFL",
    "ARQC",
    "TC",
    "AAC",
    "ATC",
    "CVM",
    "Luhn",
    "RC",
    "PAN",
    "DDOL",
    "BIN",
    "SW",
    "PIN",
    "SFI",
    "PSE",
    "PPSE",
    "TPDU",
    "STAN",
    "ASCII",
    "IC",
    "CPU",
    "AT",
    "USB",
    "VID",
    "PID",
    "RFC",
    "TCP",
    "MAC",
    "KCV",
    "PIK",
    "MAK",
    "TDK",
    "TMK",
    "EMV",
    "ISO",
    // APDU field names (ISO/IEC 7816-4), BER-TLV.
    "CLA",
    "INS",
    "Lc",
    "Le",
    "BER",
    // EMV data element and kernel acronyms, ISO 4217 currency codes.
    "AUC",
    "CID",
    "CTQ",
    "TTQ",
    "FCI",
    "IFD",
    "XDA",
    "qVSDC",
    "MSD",
    "ATM",
    "CNY",
    // ISO 8583 and CUPS: the message type, the network, the card organisation code.
    "MTI",
    "NII",
    "POS",
    "CUPS",
    "CUP",
    // ATR byte and parameter names (ISO/IEC 7816-3), historical-byte formats.
    "TS",
    "TCK",
    "FI",
    "Fi",
    "Di",
    "DI",
    "WI",
    "WT",
    "II",
    "IFSC",
    "BWI",
    "CWI",
    "EDC",
    "LRC",
    "CRC",
    "SPU",
    "VPP",
    "RFU",
    "etu",
    "COMPACT",
    "TLV",
    "DIR",
    "ACL",
    "CM",
    "PM",
    "LED",
    "ms", // Cause-family codes.
    "BANK",
    "NET",
    "TERM",
    "HW",
    "CARD",
    "ACCT",
    "TECH",
    "UNKNOWN", // Control codes.
    "ACK",
    "NAK",
    "ENQ",
    "EOT", // Models and schemes.
    "CRT",
    "SIM",
    "Visa",
    "Mastercard",
    "UnionPay", // Programs, subcommand, device address.
    "cardbench",
    "ModemManager",
    "udev",
    "sysfs",
    "SELinux",
    "demo",
    "apdu", // `decode apdu`: its refusals start with the layer's name as typed.
    "crt",
    "msr",
    "sim",
    "pos", // Key names.
    "Esc",
    "Enter",
    "Tab",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "Ctrl",
    "English", // File kinds, text encodings, programs a user opens files with (`--help`).
    "TOML",
    "CSV",
    "JSON",
    "BOM",
    "CRLF",
    "BCD",
    "CA",
    "IP",
    "Excel",
];

/// A line without its 「quoted」 card data (an unclosed quote runs to the end of the line) and
/// without its `backquoted` commands, file names and system names (`sudo usermod -aG dialout
/// $USER`, `ser2net.yaml`, the group `root`): what the user types or the system calls a thing
/// stays as it is in every language.
fn unquoted(seg: &str) -> String {
    let mut out = String::new();
    let mut rest = seg;
    while let Some(open) = rest.find(['「', '`']) {
        out.push_str(&rest[..open]);
        let (o, c) = if rest[open..].starts_with('`') {
            ('`', '`')
        } else {
            ('「', '」')
        };
        let after = &rest[open + o.len_utf8()..];
        match after.find(c) {
            Some(close) => rest = &after[close + c.len_utf8()..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The English words on a screen capture that are not allowed. Not read: paths (a token with
/// `/`), command-line flags (`--out`: contracts, typed as they are), step codes (`swipe#1`),
/// hex (`9F`, `AB`), the raw ASCII view of a frame (the column after a timeline line's hex,
/// the `ASCII:` line of frame details), card data in 「」, upper-case identifiers with digits
/// (serial `SIM310-DEMO`, firmware `V3.0`), single letters.
pub fn english_words(screen: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in screen.lines() {
        let mut after_hex = false;
        for seg in line.split(['│', '┃', '║']) {
            let raw_view = after_hex || seg.trim_start().starts_with("ASCII:");
            after_hex = is_frame_line(seg);
            if raw_view {
                continue;
            }
            let seg = unquoted(seg);
            // Full-width punctuation ends a token as a space does (`TC1；K=8`).
            for tok in seg.split(|c: char| c.is_whitespace() || "，；：（）、。！？".contains(c))
            {
                let flag = tok.starts_with("--");
                if flag
                    || tok.contains('/')
                    || tok.contains('#')
                    || is_hex(tok)
                    || is_identifier(tok)
                {
                    continue;
                }
                for word in tok.split(|c: char| !c.is_ascii_alphabetic()) {
                    if word.len() >= 2 && !ALLOWED.contains(&word) && !is_hex(word) {
                        out.push(word.to_string());
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A timeline line up to its hex view: `09:11:45.786 > 02 00 02 30 31 03 02 `.
fn is_frame_line(seg: &str) -> bool {
    let mut it = seg.split_whitespace();
    let stamp = it.next().unwrap_or("");
    stamp.len() == 12 && stamp.as_bytes()[2] == b':' && matches!(it.next(), Some("<" | ">"))
}

/// A device's serial or firmware: upper-case letters with digits (`SIM310-DEMO`, `REVH2.31`).
fn is_identifier(tok: &str) -> bool {
    let t = tok.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().any(|c| c.is_ascii_uppercase())
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "-._".contains(c))
}

fn is_hex(tok: &str) -> bool {
    let t = tok.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
}

/// The English words of a `--help` text (or a refused command line) that are not allowed:
/// [`english_words`] after what the user types stays as typed — flags (`--swipes`, `-d`),
/// value names and clap's brackets (`<PROFILE:TARGET>`, `[可选值：ascii, cups]`), file names
/// (`run.toml`), environment variables (`CARDBENCH_LANG`), addresses (`HOST:PORT`), quoted
/// values (`'ascii'`, `"a\\nb"`), the usage line, and the subcommand names heading each line of a
/// command list.
#[allow(dead_code)] // Not every test binary that includes this file checks help.
pub fn help_english_words(help: &str) -> Vec<String> {
    let mut kept = String::new();
    // The usage line is what the user types.
    let mut in_commands = false;
    for line in help.lines().filter(|l| !l.starts_with("用法：")) {
        // A command list runs from its heading (`命令:`) to the next blank line.
        in_commands = (in_commands && !line.trim().is_empty()) || line.starts_with("命令");
        let mut line = drop_spans(&unquoted(line), '<', '>');
        line = drop_spans(&line, '[', ']');
        let subcommand_row = in_commands && line.starts_with("  ");
        for (i, tok) in line
            .split(|c: char| c.is_whitespace() || "，；：（）、。！？".contains(c))
            .filter(|t| !t.is_empty())
            .enumerate()
        {
            let typed = tok.starts_with('-')
                || tok.contains(['.', '_', ':', '=', '\'', '"', '*'])
                || (subcommand_row && i == 0);
            if !typed {
                kept.push_str(tok);
                kept.push(' ');
            }
        }
        kept.push('\n');
    }
    english_words(&kept)
}

/// `line` without its `open`…`close` spans (nested ones too).
fn drop_spans(line: &str, open: char, close: char) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in line.chars() {
        if c == open {
            depth += 1;
        } else if c == close && depth > 0 {
            depth -= 1;
        } else if depth == 0 {
            out.push(c);
        }
    }
    out
}

/// The error line of a command that could not run in zh-CN (`cardbench：错误：…`, the last
/// line of its stderr: a decoder prints what it could read first), or `None` when stderr
/// does not end with one. Its [`english_words`] are what a Chinese reader would not read.
#[allow(dead_code)] // Used by the batch test binary only; this file is shared by four.
pub fn chinese_error_line(stderr: &str) -> Option<&str> {
    stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("cardbench：错误："))
}

/// Breaker, session 7: the offline-PIN detail showed the command name `VERIFY` raw in zh-CN
/// (command names such as SELECT are not on the allow-list: they are said in words).
#[test]
fn offline_pin_detail_has_no_english_words() {
    use cardbench::i18n::{tr_args, Lang};
    for id in ["judge-chip-verify-ok", "judge-chip-verify-refused"] {
        let args = [("cvm", "42".into()), ("sw", "6983".into())];
        let s = tr_args(Lang::ZhCn, id, &args);
        let words = english_words(&s);
        assert!(words.is_empty(), "{id}: {words:?} in {s}");
    }
}
